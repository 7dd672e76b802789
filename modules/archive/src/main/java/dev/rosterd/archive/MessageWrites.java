package dev.rosterd.archive;

import dev.rosterd.common.bus.ArchivePrefs;
import dev.rosterd.common.bus.MessageStored;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps accepted messages, many in one transaction (see {@link GroupCommit}): for each, the cap
 * check of the recipient's offline queue, the queue row, and one archive row per user whose
 * preferences keep it. Either the whole transaction commits or none of it; no reply is given before
 * the commit is {@link Database#persist persisted}.
 *
 * <p>A row whose owner already holds the message's stanza id is not written again: a message
 * stored twice (a redelivery, a client's retry with the id it was given) is kept once and the
 * second store succeeds.
 */
final class MessageWrites {
  private static final String INSERT_OFFLINE =
      "INSERT INTO offline (owner, stanza_id, sender, created_at, stanza) SELECT ?, ?, ?, ?, ?"
          + " WHERE NOT EXISTS (SELECT 1 FROM offline WHERE owner = ? AND stanza_id = ?)";
  private static final String INSERT_ARCHIVE =
      "INSERT INTO archive (owner, stanza_id, peer_bare, peer_full, created_at, stanza) SELECT ?, ?, ?, ?, ?, ?"
          + " WHERE NOT EXISTS (SELECT 1 FROM archive WHERE owner = ? AND stanza_id = ?)";

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

  /** One message to keep and the promise its sender's reply waits on. */
  record Pending(CheckedMessage message, Promise<MessageStored> reply) {}

  /**
   * Stores {@code batch} in one transaction, then completes each reply: with the stored message,
   * with {@link QueueFull} for a message the recipient's cap refused, or, if the transaction
   * failed, every reply with its cause. Another node writing for the same recipient at once may
   * pass the cap check alongside this one, so a queue can exceed the cap by that many messages.
   */
  Future<Void> store(List<Pending> batch) {
    long now = clock.millis();
    List<Future<MessageStored>> outcomes = new ArrayList<>(batch.size());
    return db.pool().withTransaction(conn -> queued(conn, batch)
            .compose(queued -> prefs.ofAll(conn, archiveOwners(batch)).compose(p -> {
              List<Tuple> offlineRows = new ArrayList<>();
              List<Tuple> archiveRows = new ArrayList<>();
              for (Pending pending : batch) {
                outcomes.add(rows(pending.message(), now, queued, p, offlineRows, archiveRows));
              }
              return insert(conn, INSERT_OFFLINE, offlineRows).compose(x -> insert(conn, INSERT_ARCHIVE, archiveRows));
            })))
        .compose(x -> db.persist())
        .onSuccess(x -> {
          for (int i = 0; i < batch.size(); i++) {
            outcomes.get(i).onComplete(batch.get(i).reply());
          }
        })
        .onFailure(e -> batch.forEach(pending -> pending.reply().tryFail(e)))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /**
   * Adds the rows that keep {@code m} and returns what its sender is answered once the batch has
   * committed: the {@link MessageStored}, or {@link QueueFull} (no row added). {@code queued}
   * counts the rows this batch adds.
   */
  private Future<MessageStored> rows(CheckedMessage m, long now, Map<String, Long> queued, Map<String, ArchivePrefs> p,
      List<Tuple> offlineRows, List<Tuple> archiveRows) {
    if (m.offline()) {
      long n = queued.getOrDefault(m.to(), 0L);
      if (n >= offlineCap) {
        return Future.failedFuture(new QueueFull(m.to(), offlineCap));
      }
      queued.put(m.to(), n + 1);
    }
    String id = m.stanzaId() != null ? m.stanzaId() : UUID.randomUUID().toString();
    if (m.offline()) {
      offlineRows.add(Tuple.of(m.to(), id, m.from(), now, m.stanzaXml(), m.to(), id));
    }
    List<String> owners = new ArrayList<>();
    for (String owner : m.archiveFor()) {
      boolean received = owner.equals(m.to());
      String peer = received ? m.fromBare() : m.to();
      if (Preferences.archives(p.get(owner), peer, m.contacts())) {
        owners.add(owner);
        archiveRows.add(Tuple.of(owner, id, peer, received ? m.from() : m.to(), now, m.stanzaXml())
            .addValue(owner).addValue(id));
      }
    }
    return Future.succeededFuture(new MessageStored(id, Instant.ofEpochMilli(now), m.offline(), owners));
  }

  /** How many messages the offline queues of the batch's offline recipients hold now. */
  private Future<Map<String, Long>> queued(SqlConnection conn, List<Pending> batch) {
    Set<String> recipients = new LinkedHashSet<>();
    batch.stream().map(Pending::message).filter(CheckedMessage::offline).forEach(m -> recipients.add(m.to()));
    Map<String, Long> queued = new HashMap<>();
    return db.forEachChunk(conn, "SELECT owner, COUNT(*) FROM offline WHERE owner IN (%s) GROUP BY owner",
        recipients, (Row r) -> queued.put(r.getString(0), r.getLong(1))).map(x -> queued);
  }

  private static Set<String> archiveOwners(List<Pending> batch) {
    Set<String> owners = new LinkedHashSet<>();
    batch.forEach(pending -> owners.addAll(pending.message().archiveFor()));
    return owners;
  }

  private Future<?> insert(SqlConnection conn, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : db.batch(conn, sql, rows);
  }

  /** The recipient's offline queue holds {@code cap} messages already. */
  static final class QueueFull extends RuntimeException {
    QueueFull(String user, int cap) {
      super("the offline queue of " + user + " is full (" + cap + " messages, archive.offlineCapPerUser)",
          null, false, false);
    }
  }
}
