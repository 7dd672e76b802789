package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Message on {@link Addresses#AUTH_OUTCOME}: {@code {"username": "...", "peer": "203.0.113.7",
 * "success": true|false}}, how a SCRAM exchange ended. Only the c2s sees the client's proof, so it
 * tells the auth piece, which counts failures against the username's and the peer's budget and
 * clears the username's budget on success. The username is as the client sent it; {@code peer} is
 * optional.
 */
public record AuthOutcome(String username, String peer, boolean success) {
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("username", username).put("success", success);
    return peer == null ? j : j.put("peer", peer);
  }

  public static AuthOutcome fromJson(JsonObject j) {
    return new AuthOutcome(j.getString("username"), j.getString("peer"), j.getBoolean("success", false));
  }
}
