package dev.rosterd.cache;

import dev.rosterd.common.bus.RosterSnapshot;
import io.vertx.core.json.JsonObject;

/**
 * One user's entry in the shared-data map: the {@link RosterSnapshot} served to sessions, and the
 * ticket its fetch took when it started (see {@link SharedRosters#ticket()}), which tells a refresh whether
 * this roster is recent enough for it.
 *
 * <p>JSON form: the snapshot's, plus {@code "ticket": n}.
 */
record CachedRoster(RosterSnapshot snapshot, long ticket) {
  JsonObject toJson() {
    return snapshot.toJson().put("ticket", ticket);
  }

  /** The snapshot's JSON form out of an entry's: the entry without its ticket. */
  static JsonObject snapshotJson(JsonObject entry) {
    entry.remove("ticket");
    return entry;
  }

  static CachedRoster fromJson(JsonObject j) {
    return new CachedRoster(RosterSnapshot.fromJson(j), j.getLong("ticket", 0L));
  }
}
