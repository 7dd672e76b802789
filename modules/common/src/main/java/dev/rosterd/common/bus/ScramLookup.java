package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#AUTH_SCRAM}: {@code {"username": "...", "mechanism":
 * "SCRAM-SHA-1"|"SCRAM-SHA-256"}}.
 */
public record ScramLookup(String username, String mechanism) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("mechanism", mechanism);
  }

  public static ScramLookup fromJson(JsonObject j) {
    return new ScramLookup(j.getString("username"), j.getString("mechanism"));
  }
}
