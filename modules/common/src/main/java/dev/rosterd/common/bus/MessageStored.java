package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Reply on {@link Addresses#ARCHIVE_STORE}, sent once the write has committed: {@code {"stanzaId":
 * "...", "timestamp": "ISO-8601", "offline": bool, "archivedFor": [bare JID...]}}.
 *
 * @param stanzaId the XEP-0359 id the server gave the message; the same id in the offline queue and
 *     in every archive that kept it (each archive is its own {@code by})
 * @param timestamp when the server accepted it: the XEP-0203 delay stamp and the MAM timestamp
 * @param offline whether it was queued for offline delivery
 * @param archivedFor whose archives kept it, after their preferences; empty when none did
 */
public record MessageStored(String stanzaId, Instant timestamp, boolean offline, List<String> archivedFor) {

  public MessageStored {
    archivedFor = archivedFor == null ? List.of() : List.copyOf(archivedFor);
  }

  public JsonObject toJson() {
    return new JsonObject().put("stanzaId", stanzaId).put("timestamp", timestamp.toString())
        .put("offline", offline).put("archivedFor", new JsonArray(archivedFor));
  }

  public static MessageStored fromJson(JsonObject j) {
    return new MessageStored(j.getString("stanzaId"), Instant.parse(j.getString("timestamp")),
        j.getBoolean("offline", false), Records.strings(j.getJsonArray("archivedFor")));
  }
}
