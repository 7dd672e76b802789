package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Request on {@link Addresses#ARCHIVE_OFFLINE_REMOVE}: {@code {"user": bare JID, "stanzaIds":
 * [...]}}, the messages of the user's offline queue that the c2s has written to the user's stream.
 * Ids not in the queue (already removed by another session) are ignored.
 *
 * <p>Consumer: the archive piece. Reply {@code {"removed": n}}, after the delete committed; fails
 * with {@link BusFailure#BAD_REQUEST} for a user that is not a bare JID and {@link
 * BusFailure#UNAVAILABLE} naming the store.
 *
 * @param user whose queue
 * @param stanzaIds the ids {@link OfflineMessages} gave
 */
public record OfflineRemove(String user, List<String> stanzaIds) {
  public OfflineRemove {
    stanzaIds = stanzaIds == null ? List.of() : List.copyOf(stanzaIds);
  }

  public JsonObject toJson() {
    return new JsonObject().put("user", user).put("stanzaIds", new JsonArray(stanzaIds));
  }

  public static OfflineRemove fromJson(JsonObject j) {
    return new OfflineRemove(j.getString("user"), Records.strings(j.getJsonArray("stanzaIds")));
  }
}
