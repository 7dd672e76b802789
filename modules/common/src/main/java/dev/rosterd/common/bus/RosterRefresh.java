package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#ROSTER_REFRESH}: {@code {"username": "..."}} (normalised local part).
 * The refresh fetches from the web application as it is at or after the moment this request
 * arrived; it never settles for a fetch that started earlier.
 */
public record RosterRefresh(String username) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username);
  }

  public static RosterRefresh fromJson(JsonObject j) {
    return new RosterRefresh(j.getString("username"));
  }
}
