package dev.rosterd.common.roster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * One difference between the cached roster and a re-fetched one, as pushed to sessions.
 *
 * <p>JSON form: {@code {"change": "added"|"removed"|"changed", "item": RosterItem}}; for {@code
 * removed} the item is the one that was cached.
 */
public record RosterChange(Kind kind, RosterItem item) {
  /** What happened to the contact. */
  public enum Kind {
    ADDED, REMOVED, CHANGED;

    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("change", kind.json()).put("item", item.toJson());
  }

  public static RosterChange fromJson(JsonObject j) {
    return new RosterChange(
        Kind.valueOf(j.getString("change").toUpperCase(Locale.ROOT)),
        RosterItem.fromJson(j.getJsonObject("item")));
  }

  public static JsonArray toJson(List<RosterChange> changes) {
    JsonArray a = new JsonArray();
    changes.forEach(c -> a.add(c.toJson()));
    return a;
  }

  public static List<RosterChange> fromJson(JsonArray a) {
    return a.stream().map(o -> fromJson((JsonObject) o)).toList();
  }
}
