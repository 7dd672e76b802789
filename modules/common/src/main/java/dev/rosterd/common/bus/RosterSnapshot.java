package dev.rosterd.common.bus;

import dev.rosterd.common.roster.RosterItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reply on {@link Addresses#ROSTER_GET}, and the value the cache keeps in shared data: {@code
 * {"version": "...", "items": [RosterItem...]}}. The version (XEP-0237) is derived from the content,
 * so equal rosters have equal versions on every node.
 */
public record RosterSnapshot(String version, List<RosterItem> items) {
  public JsonObject toJson() {
    return new JsonObject().put("version", version).put("items", RosterItem.toJson(items));
  }

  public static RosterSnapshot fromJson(JsonObject j) {
    return new RosterSnapshot(
        j.getString("version"), RosterItem.fromJson(j.getJsonArray("items", new JsonArray())));
  }
}
