package dev.rosterd.archive;

import dev.rosterd.common.bus.ArchivePrefs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.Iterator;
import java.util.List;

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
    return db.run(client, "SELECT default_mode, always_jids, never_jids FROM prefs WHERE owner = ?", owner)
        .map(rows -> {
          Iterator<Row> it = rows.iterator();
          if (!it.hasNext()) {
            return new ArchivePrefs(owner, defaultMode, List.of(), List.of());
          }
          Row r = it.next();
          return new ArchivePrefs(owner, r.getString(0), strings(r.getString(1)), strings(r.getString(2)));
        });
  }

  /** Replaces the preferences of {@code prefs.owner()} (already checked and normalised). */
  Future<ArchivePrefs> set(ArchivePrefs prefs) {
    return db.pool().withTransaction(conn -> db.run(conn, "DELETE FROM prefs WHERE owner = ?", prefs.owner())
        .compose(x -> db.run(conn, "INSERT INTO prefs (owner, default_mode, always_jids, never_jids) VALUES (?, ?, ?, ?)",
            prefs.owner(), prefs.defaultMode(), new JsonArray(prefs.always()).encode(),
            new JsonArray(prefs.never()).encode()))
        .map(x -> prefs));
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
