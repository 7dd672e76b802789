package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#ARCHIVE_OFFLINE_TAKE}: {@code {"user": bare JID, "max": n}}. Reads the
 * oldest messages of the user's offline queue without removing them: the c2s removes them with
 * {@link OfflineRemove} once it has written them to the user's stream, so a crash in between loses
 * nothing (the user may then get a message twice, with the same stanza id).
 *
 * <p>Consumer: the archive piece. Reply {@link OfflineMessages}; fails with {@link
 * BusFailure#BAD_REQUEST} for a user that is not a bare JID and {@link BusFailure#UNAVAILABLE}
 * naming the store when it cannot be read.
 *
 * @param user whose queue
 * @param max at most this many messages (1 to 500); 0 means 100
 */
public record OfflineTake(String user, int max) {
  public JsonObject toJson() {
    return new JsonObject().put("user", user).put("max", max);
  }

  public static OfflineTake fromJson(JsonObject j) {
    return new OfflineTake(j.getString("user"), j.getInteger("max", 0));
  }
}
