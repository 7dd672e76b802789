package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply on {@link Addresses#ARCHIVE_QUERY}: {@code {"messages": [{"stanzaId", "stanzaXml",
 * "timestamp"}...], "first": id, "last": id, "complete": bool, "count": n}}. The messages are oldest
 * first on every page, also when paging backwards; {@code first} and {@code last} are absent on an
 * empty page.
 *
 * @param messages the page, oldest first: each becomes a {@code <result id='stanzaId'>} with a
 *     {@code <forwarded>} and a {@code <delay stamp='timestamp'>}
 * @param first the id of the first message of the page (RSM {@code <first>}), or null
 * @param last the id of the last message of the page (RSM {@code <last>}), or null
 * @param complete whether this is the last page in the direction of paging: no newer match when
 *     paging forwards, no older one when paging backwards ({@code <fin complete='true'>})
 * @param count how many messages match the query's filters in all (RSM {@code <count>})
 */
public record ArchivePage(List<Item> messages, String first, String last, boolean complete, long count) {

  /**
   * One archived message.
   *
   * @param stanzaId its XEP-0359 id in this archive
   * @param stanzaXml the stanza as stored
   * @param timestamp when the server accepted it
   */
  public record Item(String stanzaId, String stanzaXml, Instant timestamp) {
    JsonObject toJson() {
      return new JsonObject().put("stanzaId", stanzaId).put("stanzaXml", stanzaXml)
          .put("timestamp", timestamp.toString());
    }

    static Item fromJson(JsonObject j) {
      return new Item(j.getString("stanzaId"), j.getString("stanzaXml"), Instant.parse(j.getString("timestamp")));
    }
  }

  public ArchivePage {
    messages = List.copyOf(messages);
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    messages.forEach(m -> a.add(m.toJson()));
    JsonObject j = new JsonObject().put("messages", a).put("complete", complete).put("count", count);
    if (first != null) {
      j.put("first", first).put("last", last);
    }
    return j;
  }

  public static ArchivePage fromJson(JsonObject j) {
    List<Item> items = new ArrayList<>();
    JsonArray a = j.getJsonArray("messages", new JsonArray());
    for (int i = 0; i < a.size(); i++) {
      items.add(Item.fromJson(a.getJsonObject(i)));
    }
    return new ArchivePage(items, j.getString("first"), j.getString("last"), j.getBoolean("complete", false),
        j.getLong("count", 0L));
  }
}
