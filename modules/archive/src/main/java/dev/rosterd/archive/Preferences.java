package dev.rosterd.archive;

import dev.rosterd.common.bus.ArchivePrefs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users' XEP-0313 archive preferences, one row per user who set any ({@code prefs}); the lists are
 * kept as JSON arrays, since they are only ever read and written whole.
 */
final class Preferences {
  private final Database db;
  private final String defaultMode;

  Preferences(Database db, String defaultMode) {
    this.db = db;
    this.defaultMode = defaultMode;
  }

  /** The preferences of {@code owner} (a normalised bare JID), the configured default if none. */
  Future<ArchivePrefs> of(SqlClient client, String owner) {
    return ofAll(client, List.of(owner)).map(all -> all.get(owner));
  }

  /** The preferences of each of {@code owners} (normalised bare JIDs), the configured default if none. */
  Future<Map<String, ArchivePrefs>> ofAll(SqlClient client, Collection<String> owners) {
    Map<String, ArchivePrefs> all = new HashMap<>();
    return db.forEachChunk(client, "SELECT owner, default_mode, always_jids, never_jids FROM prefs WHERE owner IN (%s)",
            owners, (Row r) -> all.put(r.getString(0),
                new ArchivePrefs(r.getString(0), r.getString(1), strings(r.getString(2)), strings(r.getString(3)))))
        .map(x -> {
          owners.forEach(owner -> all.computeIfAbsent(owner, o -> new ArchivePrefs(o, defaultMode, List.of(), List.of())));
          return all;
        });
  }

  /** Replaces the preferences of {@code prefs.owner()} (already checked and normalised). */
  Future<ArchivePrefs> set(ArchivePrefs prefs) {
    return db.pool().withTransaction(conn -> db.run(conn, "DELETE FROM prefs WHERE owner = ?", prefs.owner())
        .compose(x -> db.run(conn, "INSERT INTO prefs (owner, default_mode, always_jids, never_jids) VALUES (?, ?, ?, ?)",
            prefs.owner(), prefs.defaultMode(), new JsonArray(prefs.always()).encode(),
            new JsonArray(prefs.never()).encode())))
        .compose(x -> db.persist())
        .map(x -> prefs);
  }

  /** Whether {@code prefs} archive a message with {@code peerBare}. */
  static boolean archives(ArchivePrefs prefs, String peerBare, boolean contacts) {
    if (prefs.never().contains(peerBare)) {
      return false;
    }
    if (prefs.always().contains(peerBare)) {
      return true;
    }
    return switch (prefs.defaultMode()) {
      case "always" -> true;
      case "roster" -> contacts;
      default -> false;
    };
  }

  private static List<String> strings(String json) {
    return new JsonArray(json).stream().map(String.class::cast).toList();
  }
}
