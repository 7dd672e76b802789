package dev.rosterd.archive;

import dev.rosterd.common.bus.MessageStored;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps one accepted message, in one transaction: the cap check of the recipient's offline queue,
 * the queue row, and one archive row per user whose preferences keep it. Either all of it commits
 * or none; the reply is built only after the commit.
 */
final class MessageWrites {
  private final Database db;
  private final Preferences prefs;
  private final int offlineCap;
  private final Clock clock;

  MessageWrites(Database db, Preferences prefs, int offlineCap, Clock clock) {
    this.db = db;
    this.prefs = prefs;
    this.offlineCap = offlineCap;
    this.clock = clock;
  }

  /**
   * Stores {@code m}. A concurrent write for the same recipient may pass the cap check alongside
   * this one, so a queue can exceed the cap by the number of writes racing for it.
   */
  Future<MessageStored> store(CheckedMessage m) {
    String id = m.stanzaId() != null ? m.stanzaId() : UUID.randomUUID().toString();
    long now = clock.millis();
    return db.pool().withTransaction(conn -> checkCap(conn, m)
        .compose(x -> owners(conn, m))
        .compose(owners -> {
          Future<?> f = m.offline()
              ? db.run(conn, "INSERT INTO offline (owner, stanza_id, sender, created_at, stanza) VALUES (?, ?, ?, ?, ?)",
                  m.to(), id, m.from(), now, m.stanzaXml())
              : Future.succeededFuture();
          if (!owners.isEmpty()) {
            List<Tuple> rows = new ArrayList<>();
            for (String owner : owners) {
              boolean received = owner.equals(m.to());
              rows.add(Tuple.of(owner, id, received ? m.fromBare() : m.to(), received ? m.from() : m.to(), now,
                  m.stanzaXml()));
            }
            f = f.compose(x -> db.batch(conn,
                "INSERT INTO archive (owner, stanza_id, peer_bare, peer_full, created_at, stanza) VALUES (?, ?, ?, ?, ?, ?)",
                rows));
          }
          return f.map(x -> new MessageStored(id, Instant.ofEpochMilli(now), m.offline(), owners));
        }));
  }

  private Future<Void> checkCap(SqlConnection conn, CheckedMessage m) {
    if (!m.offline()) {
      return Future.succeededFuture();
    }
    return db.run(conn, "SELECT COUNT(*) FROM offline WHERE owner = ?", m.to()).compose(rows -> {
      long queued = rows.iterator().next().getLong(0);
      return queued >= offlineCap
          ? Future.failedFuture(new QueueFull(m.to(), offlineCap))
          : Future.succeededFuture();
    });
  }

  /** Those of {@code m.archiveFor()} whose preferences keep a message with the other party. */
  private Future<List<String>> owners(SqlConnection conn, CheckedMessage m) {
    List<String> owners = new ArrayList<>();
    Future<?> f = Future.succeededFuture();
    for (String owner : m.archiveFor()) {
      String peer = owner.equals(m.to()) ? m.fromBare() : m.to();
      f = f.compose(x -> prefs.of(conn, owner)).map(p -> {
        if (Preferences.archives(p, peer, m.contacts())) {
          owners.add(owner);
        }
        return null;
      });
    }
    return f.map(x -> owners);
  }

  /** The recipient's offline queue holds {@code cap} messages already. */
  static final class QueueFull extends RuntimeException {
    QueueFull(String user, int cap) {
      super("the offline queue of " + user + " is full (" + cap + " messages, archive.offlineCapPerUser)",
          null, false, false);
    }
  }
}
