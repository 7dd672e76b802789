package dev.rosterd.archive;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;

/**
 * Removes archived messages, and offline messages never delivered, older than {@code
 * archive.retentionDays}. Each delete is one statement; on a cluster every node runs it, which is
 * harmless since a second run finds nothing.
 */
final class Retention {
  private final Database db;
  private final int days;
  private final Clock clock;

  Retention(Database db, int days, Clock clock) {
    this.db = db;
    this.days = days;
    this.clock = clock;
  }

  boolean enabled() {
    return days > 0;
  }

  /** Deletes what is older than the retention; how many rows of each kind went. */
  Future<Removed> run() {
    long cutoff = clock.millis() - Duration.ofDays(days).toMillis();
    return db.run(db.pool(), "DELETE FROM archive WHERE created_at < ?", cutoff)
        .compose(archived -> db.run(db.pool(), "DELETE FROM offline WHERE created_at < ?", cutoff)
            .map(offline -> new Removed(archived.rowCount(), offline.rowCount())));
  }

  /** Rows the job removed. */
  record Removed(int archive, int offline) {}
}
