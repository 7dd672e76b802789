package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#ROSTER_FETCH}: {@code {"username": "..."}}, the normalised local part
 * of the user whose roster the web application should return.
 */
public record RosterFetch(String username) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username);
  }

  public static RosterFetch fromJson(JsonObject j) {
    return new RosterFetch(j.getString("username"));
  }
}
