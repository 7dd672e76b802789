package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/** Request on {@link Addresses#ROSTER_GET}: {@code {"username": "..."}} (normalised local part). */
public record RosterGet(String username) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username);
  }

  public static RosterGet fromJson(JsonObject j) {
    return new RosterGet(j.getString("username"));
  }
}
