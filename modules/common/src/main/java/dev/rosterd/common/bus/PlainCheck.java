package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#AUTH_PLAIN}: {@code {"username": "...", "password": "...", "peer":
 * "203.0.113.7"}}. The username is the SASL authcid as the client sent it (not yet normalised); the
 * password may be a token the web application issued. {@code peer}, optional, is the client's IP
 * address, which the auth piece keeps a failure budget for.
 */
public record PlainCheck(String username, String password, String peer) {
  /** Without a peer, as asked by something that is not a client connection. */
  public PlainCheck(String username, String password) {
    this(username, password, null);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("username", username).put("password", password);
    return peer == null ? j : j.put("peer", peer);
  }

  public static PlainCheck fromJson(JsonObject j) {
    return new PlainCheck(j.getString("username"), j.getString("password"), j.getString("peer"));
  }
}
