package dev.rosterd.archive;

import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the archive's schema at start: numbered steps, the same SQL on H2 and
 * PostgreSQL, each applied in one transaction together with its row in {@code schema_version}. A
 * step is never edited once released; a change of schema is a new step at the end.
 *
 * <p>Why not Flyway: it drives the database through JDBC only, so the PostgreSQL store would need
 * a second, blocking driver and a worker thread just for this, for a handful of statements. Steps
 * use {@code IF NOT EXISTS}, because H2 commits DDL on its own and two nodes may start at once: a
 * step that fails because another node applied it meanwhile is seen as applied on the next read.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** Step n is {@code STEPS.get(n - 1)}. */
  static final List<List<String>> STEPS = List.of(List.of(
      "CREATE TABLE IF NOT EXISTS archive (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
          + " owner VARCHAR(3071) NOT NULL, stanza_id VARCHAR(64) NOT NULL,"
          + " peer_bare VARCHAR(3071) NOT NULL, peer_full VARCHAR(3071) NOT NULL,"
          + " created_at BIGINT NOT NULL, stanza VARCHAR(1000000) NOT NULL)",
      "CREATE UNIQUE INDEX IF NOT EXISTS archive_owner_stanza ON archive (owner, stanza_id)",
      "CREATE INDEX IF NOT EXISTS archive_owner_seq ON archive (owner, seq)",
      "CREATE INDEX IF NOT EXISTS archive_created ON archive (created_at)",
      "CREATE TABLE IF NOT EXISTS offline (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
          + " owner VARCHAR(3071) NOT NULL, stanza_id VARCHAR(64) NOT NULL, sender VARCHAR(3071) NOT NULL,"
          + " created_at BIGINT NOT NULL, stanza VARCHAR(1000000) NOT NULL)",
      "CREATE UNIQUE INDEX IF NOT EXISTS offline_owner_stanza ON offline (owner, stanza_id)",
      "CREATE INDEX IF NOT EXISTS offline_owner_seq ON offline (owner, seq)",
      "CREATE INDEX IF NOT EXISTS offline_created ON offline (created_at)",
      "CREATE TABLE IF NOT EXISTS prefs (owner VARCHAR(3071) PRIMARY KEY, default_mode VARCHAR(8) NOT NULL,"
          + " always_jids VARCHAR(1000000) NOT NULL, never_jids VARCHAR(1000000) NOT NULL)"));

  private static final String VERSION_TABLE =
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)";

  private final Database db;

  Migrations(Database db) {
    this.db = db;
  }

  /** Applies every step the store lacks; the schema version it ends at. */
  Future<Integer> run() {
    return db.run(db.pool(), VERSION_TABLE).compose(v -> from(version(), true));
  }

  private Future<Integer> from(Future<Integer> current, boolean mayRetry) {
    return current.compose(v -> {
      if (v > STEPS.size()) {
        return Future.failedFuture(new Database.StoreFailure("archive store " + db.name() + " has schema version "
            + v + ", newer than this rosterd knows (" + STEPS.size() + "): run a newer rosterd"));
      }
      if (v == STEPS.size()) {
        return Future.succeededFuture(v);
      }
      int step = v + 1;
      return apply(step)
          .map(x -> {
            LOG.info("archive store {}: schema at version {}", db.name(), step);
            return true;
          })
          .recover(e -> mayRetry ? Future.succeededFuture(false) : Future.failedFuture(e))
          // After a failure, read the version again: another node may have applied the step.
          .compose(applied -> from(version(), applied));
    });
  }

  private Future<Void> apply(int step) {
    return db.pool().withTransaction(conn -> {
      Future<?> f = Future.succeededFuture();
      for (String sql : STEPS.get(step - 1)) {
        f = f.compose(x -> db.run(conn, sql));
      }
      return f.compose(x -> db.run(conn, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
          step, System.currentTimeMillis())).<Void>mapEmpty();
    });
  }

  private Future<Integer> version() {
    return db.run(db.pool(), "SELECT MAX(version) FROM schema_version")
        .map(rows -> {
          Integer v = rows.iterator().next().getInteger(0);
          return v == null ? 0 : v;
        });
  }
}
