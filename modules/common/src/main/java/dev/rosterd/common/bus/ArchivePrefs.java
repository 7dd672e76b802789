package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A user's XEP-0313 archive preferences: {@code {"owner": bare JID, "default":
 * "always"|"roster"|"never", "always": [JID...], "never": [JID...]}}. The reply on {@link
 * Addresses#ARCHIVE_PREFS_GET}, and both request and reply on {@link Addresses#ARCHIVE_PREFS_SET}
 * (the reply is what was stored, JIDs normalised to bare JIDs).
 *
 * <p>A message with a JID in {@code never} is not archived, one in {@code always} is; a JID in
 * both counts as {@code never}. Otherwise {@code default} decides: {@code always} archives
 * everything, {@code roster} only messages with contacts, {@code never} nothing.
 *
 * <p>On {@link Addresses#ARCHIVE_PREFS_SET} fails with {@link BusFailure#BAD_REQUEST} for an
 * unknown default or a JID that is not one, and {@link BusFailure#UNAVAILABLE} naming the store;
 * the stored preferences then stay as they were.
 */
public record ArchivePrefs(String owner, String defaultMode, List<String> always, List<String> never) {
  public ArchivePrefs {
    always = always == null ? List.of() : List.copyOf(always);
    never = never == null ? List.of() : List.copyOf(never);
  }

  public JsonObject toJson() {
    return new JsonObject().put("owner", owner).put("default", defaultMode)
        .put("always", new JsonArray(always)).put("never", new JsonArray(never));
  }

  public static ArchivePrefs fromJson(JsonObject j) {
    return new ArchivePrefs(j.getString("owner"), j.getString("default"),
        Records.strings(j.getJsonArray("always")), Records.strings(j.getJsonArray("never")));
  }
}
