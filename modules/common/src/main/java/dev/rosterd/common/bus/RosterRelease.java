package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Message on {@link Addresses#ROSTER_RELEASE}: {@code {"username": "..."}}; the cache drops the
 * entry if the {@link dev.rosterd.common.session.SessionDirectory} shows no session of the user.
 */
public record RosterRelease(String username) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username);
  }

  public static RosterRelease fromJson(JsonObject j) {
    return new RosterRelease(j.getString("username"));
  }
}
