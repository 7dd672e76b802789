package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#AUTH_PLAIN}: {@code {"username": "...", "password": "..."}}. The
 * username is the SASL authcid as the client sent it (not yet normalised).
 */
public record PlainCheck(String username, String password) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("password", password);
  }

  public static PlainCheck fromJson(JsonObject j) {
    return new PlainCheck(j.getString("username"), j.getString("password"));
  }
}
