package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#AUTH_SCRAM}: {@code {"username": "...", "mechanism":
 * "SCRAM-SHA-1"|"SCRAM-SHA-256", "peer": "203.0.113.7"}}; {@code peer}, optional, is the client's IP
 * address, as in {@link PlainCheck}.
 */
public record ScramLookup(String username, String mechanism, String peer) {
  /** Without a peer, as asked by something that is not a client connection. */
  public ScramLookup(String username, String mechanism) {
    this(username, mechanism, null);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("username", username).put("mechanism", mechanism);
    return peer == null ? j : j.put("peer", peer);
  }

  public static ScramLookup fromJson(JsonObject j) {
    return new ScramLookup(j.getString("username"), j.getString("mechanism"), j.getString("peer"));
  }
}
