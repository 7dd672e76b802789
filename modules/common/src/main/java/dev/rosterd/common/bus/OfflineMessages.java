package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply on {@link Addresses#ARCHIVE_OFFLINE_TAKE}: {@code {"messages": [{"stanzaId", "from",
 * "stanzaXml", "timestamp"}...], "more": bool}}, oldest first.
 *
 * @param messages the queued messages, in the order the server accepted them
 * @param more whether the queue holds more than these (take again after removing them)
 */
public record OfflineMessages(List<Item> messages, boolean more) {

  /**
   * One queued message.
   *
   * @param stanzaId its XEP-0359 id
   * @param from the sender's JID as stored
   * @param stanzaXml the stanza as the sender's c2s gave it
   * @param timestamp when the server accepted it: the XEP-0203 delay stamp
   */
  public record Item(String stanzaId, String from, String stanzaXml, Instant timestamp) {
    JsonObject toJson() {
      return new JsonObject().put("stanzaId", stanzaId).put("from", from).put("stanzaXml", stanzaXml)
          .put("timestamp", timestamp.toString());
    }

    static Item fromJson(JsonObject j) {
      return new Item(j.getString("stanzaId"), j.getString("from"), j.getString("stanzaXml"),
          Instant.parse(j.getString("timestamp")));
    }
  }

  public OfflineMessages {
    messages = List.copyOf(messages);
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    messages.forEach(m -> a.add(m.toJson()));
    return new JsonObject().put("messages", a).put("more", more);
  }

  public static OfflineMessages fromJson(JsonObject j) {
    List<Item> items = new ArrayList<>();
    JsonArray a = j.getJsonArray("messages", new JsonArray());
    for (int i = 0; i < a.size(); i++) {
      items.add(Item.fromJson(a.getJsonObject(i)));
    }
    return new OfflineMessages(items, j.getBoolean("more", false));
  }
}
