package dev.rosterd.common.bus;

import dev.rosterd.common.roster.RosterItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reply on {@link Addresses#ROSTER_FETCH}: {@code {"items": [RosterItem...]}}, the whole roster as
 * the web application returned it, valid entries only; never a half-parsed roster.
 */
public record RosterItems(List<RosterItem> items) {
  public JsonObject toJson() {
    return new JsonObject().put("items", RosterItem.toJson(items));
  }

  public static RosterItems fromJson(JsonObject j) {
    return new RosterItems(RosterItem.fromJson(j.getJsonArray("items", new JsonArray())));
  }
}
