package dev.rosterd.common.roster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One contact of a roster as the web application gave it. Subscription is always {@code both}
 * (the web application decides who sees whom), so it is not stored.
 *
 * <p>JSON form on the event bus: {@code {"jid": "bare JID", "name": "optional", "groups": [..]}}.
 *
 * @param jid the contact's normalised bare JID
 * @param name the display name, or null
 * @param groups group names in the order given, without duplicates
 */
public record RosterItem(String jid, String name, List<String> groups) {
  public RosterItem {
    Objects.requireNonNull(jid, "jid");
    groups = List.copyOf(groups);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("jid", jid);
    if (name != null) {
      j.put("name", name);
    }
    return j.put("groups", new JsonArray(groups));
  }

  @SuppressWarnings("unchecked")
  public static RosterItem fromJson(JsonObject j) {
    return new RosterItem(
        j.getString("jid"),
        j.getString("name"),
        j.getJsonArray("groups", new JsonArray()).getList());
  }

  public static JsonArray toJson(List<RosterItem> items) {
    JsonArray a = new JsonArray();
    items.forEach(i -> a.add(i.toJson()));
    return a;
  }

  public static List<RosterItem> fromJson(JsonArray a) {
    return a.stream().map(o -> fromJson((JsonObject) o)).toList();
  }
}
