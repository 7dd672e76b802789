package dev.rosterd.archive;

import dev.rosterd.common.bus.MessageStored;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit of {@link MessageWrites}: one transaction at a time, holding every message that
 * arrived while the previous one committed (at most {@value #MAX_BATCH}). A store's cost is mostly
 * per commit, the write reaching the file or the PostgreSQL WAL, so under load many messages share
 * one; with one message waiting, it is written at once, alone.
 *
 * <p>One transaction at a time also keeps offline queues in the order the messages arrived. Used
 * on this verticle's event loop only.
 */
final class GroupCommit {
  static final int MAX_BATCH = 256;

  private final MessageWrites writes;
  private final ArrayDeque<MessageWrites.Pending> waiting = new ArrayDeque<>();
  private boolean writing;

  GroupCommit(MessageWrites writes) {
    this.writes = writes;
  }

  /** Keeps {@code m} in the next transaction; completes once that has committed. */
  Future<MessageStored> store(CheckedMessage m) {
    Promise<MessageStored> reply = Promise.promise();
    waiting.add(new MessageWrites.Pending(m, reply));
    next();
    return reply.future();
  }

  private void next() {
    if (writing || waiting.isEmpty()) {
      return;
    }
    List<MessageWrites.Pending> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
    while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(waiting.poll());
    }
    writing = true;
    writes.store(batch).onComplete(x -> {
      writing = false;
      next();
    });
  }
}
