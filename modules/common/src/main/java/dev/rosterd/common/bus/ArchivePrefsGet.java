package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#ARCHIVE_PREFS_GET}: {@code {"owner": bare JID}}.
 *
 * <p>Consumer: the archive piece. Reply {@link ArchivePrefs}: the user's own, or the configured
 * default ({@code archive.defaultPreference}, empty lists) for a user who never set any. Fails with
 * {@link BusFailure#BAD_REQUEST} for an owner that is not a bare JID and {@link
 * BusFailure#UNAVAILABLE} naming the store.
 */
public record ArchivePrefsGet(String owner) {
  public JsonObject toJson() {
    return new JsonObject().put("owner", owner);
  }

  public static ArchivePrefsGet fromJson(JsonObject j) {
    return new ArchivePrefsGet(j.getString("owner"));
  }
}
