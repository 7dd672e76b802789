package dev.rosterd.archive;

import dev.rosterd.common.bus.ArchivePage;
import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.jxmpp.jid.Jid;

/**
 * Pages through a user's archive (XEP-0313 filters, XEP-0059 paging). Messages are ordered by the
 * order the store accepted them ({@code seq}); {@code after} and {@code before} are stanza ids of
 * this archive, turned into positions in that order.
 */
final class ArchivePaging {
  static final int DEFAULT_MAX = 50;
  static final int MAX_PAGE = 250;

  private final Database db;

  ArchivePaging(Database db) {
    this.db = db;
  }

  Future<ArchivePage> page(ArchiveQuery q) {
    Filter filter = filter(q);
    int max = q.max() <= 0 ? DEFAULT_MAX : Math.min(q.max(), MAX_PAGE);
    boolean backwards = q.before() != null;
    return db.pool().withConnection(conn -> position(conn, filter.owner, q.after())
        .compose(after -> position(conn, filter.owner, q.before() == null || q.before().isEmpty() ? null : q.before())
            .compose(before -> rows(conn, filter, after, before, max, backwards)))
        .compose(items -> count(conn, filter).map(count -> {
          boolean complete = items.size() <= max;
          List<ArchivePage.Item> page = new ArrayList<>(complete ? items : items.subList(0, max));
          if (backwards) {
            Collections.reverse(page);
          }
          return page.isEmpty()
              ? new ArchivePage(page, null, null, complete, count)
              : new ArchivePage(page, page.get(0).stanzaId(), page.get(page.size() - 1).stanzaId(), complete, count);
        })));
  }

  private Future<List<ArchivePage.Item>> rows(SqlConnection conn, Filter f, Long after, Long before, int max,
      boolean backwards) {
    StringBuilder sql = new StringBuilder("SELECT stanza_id, stanza, created_at FROM archive WHERE ").append(f.where);
    List<Object> params = new ArrayList<>(f.params);
    if (after != null) {
      sql.append(" AND seq > ?");
      params.add(after);
    }
    if (before != null) {
      sql.append(" AND seq < ?");
      params.add(before);
    }
    sql.append(backwards ? " ORDER BY seq DESC" : " ORDER BY seq").append(" LIMIT ?");
    params.add((long) max + 1);
    return db.run(conn, sql.toString(), params.toArray()).map(rows -> {
      List<ArchivePage.Item> items = new ArrayList<>();
      for (Row r : rows) {
        items.add(new ArchivePage.Item(r.getString(0), r.getString(1), Instant.ofEpochMilli(r.getLong(2))));
      }
      return items;
    });
  }

  private Future<Long> count(SqlConnection conn, Filter f) {
    return db.run(conn, "SELECT COUNT(*) FROM archive WHERE " + f.where, f.params.toArray())
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The position of message {@code id} in {@code owner}'s archive; null for null. */
  private Future<Long> position(SqlConnection conn, String owner, String id) {
    if (id == null) {
      return Future.succeededFuture(null);
    }
    return db.run(conn, "SELECT seq FROM archive WHERE owner = ? AND stanza_id = ?", owner, id).compose(rows -> {
      Iterator<Row> it = rows.iterator();
      return it.hasNext()
          ? Future.succeededFuture(it.next().getLong(0))
          : Future.failedFuture(new NoSuchMessage("no message " + id + " in the archive of " + owner));
    });
  }

  /** The WHERE clause of the query's filters, checked; throws {@link CheckedMessage.BadRequest}. */
  private static Filter filter(ArchiveQuery q) {
    String owner = CheckedMessage.bare("owner", q.owner());
    StringBuilder where = new StringBuilder("owner = ?");
    List<Object> params = new ArrayList<>(List.of(owner));
    if (q.with() != null) {
      Jid with = Jids.parse(q.with())
          .orElseThrow(() -> new CheckedMessage.BadRequest("\"with\" is not a JID: " + q.with()));
      where.append(with.hasResource() ? " AND peer_full = ?" : " AND peer_bare = ?");
      params.add(with.toString());
    }
    if (q.start() != null) {
      where.append(" AND created_at >= ?");
      params.add(instant("start", q.start()));
    }
    if (q.end() != null) {
      where.append(" AND created_at <= ?");
      params.add(instant("end", q.end()));
    }
    return new Filter(owner, where.toString(), params);
  }

  private static long instant(String field, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new CheckedMessage.BadRequest("\"" + field + "\" is not an XEP-0082 date-time: " + value);
    }
  }

  private record Filter(String owner, String where, List<Object> params) {}

  /** {@code after} or {@code before} names no message of the archive: XEP-0313 item-not-found. */
  static final class NoSuchMessage extends RuntimeException {
    NoSuchMessage(String message) {
      super(message, null, false, false);
    }
  }
}
