package dev.rosterd.archive;

import dev.rosterd.common.bus.OfflineMessages;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and empties users' offline queues. Reading removes nothing: the c2s removes what it has
 * written to the user's stream, so a crash between the two delivers twice rather than never.
 */
final class OfflineQueue {
  static final int DEFAULT_TAKE = 100;
  static final int MAX_TAKE = 500;

  private final Database db;

  OfflineQueue(Database db) {
    this.db = db;
  }

  /** The oldest {@code max} (0: {@value #DEFAULT_TAKE}) messages queued for {@code user}. */
  Future<OfflineMessages> take(String user, int max) {
    int n = max <= 0 ? DEFAULT_TAKE : Math.min(max, MAX_TAKE);
    return db.run(db.pool(),
            "SELECT stanza_id, sender, stanza, created_at FROM offline WHERE owner = ? ORDER BY seq LIMIT ?",
            user, (long) n + 1)
        .map(rows -> {
          List<OfflineMessages.Item> items = new ArrayList<>();
          for (Row r : rows) {
            items.add(new OfflineMessages.Item(r.getString(0), r.getString(1), r.getString(2),
                Instant.ofEpochMilli(r.getLong(3))));
          }
          boolean more = items.size() > n;
          return new OfflineMessages(more ? items.subList(0, n) : items, more);
        });
  }

  /** Removes the messages {@code ids} of {@code user}'s queue; how many there were. */
  Future<Integer> remove(String user, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(0);
    }
    if (ids.size() > MAX_TAKE) {
      throw new CheckedMessage.BadRequest("more than " + MAX_TAKE + " stanza ids in one remove");
    }
    String in = Database.placeholders(ids.size());
    Object[] params = new Object[ids.size() + 1];
    params[0] = user;
    for (int i = 0; i < ids.size(); i++) {
      params[i + 1] = ids.get(i);
    }
    return db.run(db.pool(), "DELETE FROM offline WHERE owner = ? AND stanza_id IN (" + in + ")", params)
        .map(rows -> rows.rowCount());
  }
}
