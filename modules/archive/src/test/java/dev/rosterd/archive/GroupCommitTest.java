package dev.rosterd.archive;

import static dev.rosterd.archive.ArchiveBus.ALICE;
import static dev.rosterd.archive.ArchiveBus.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.MessageStored;
import dev.rosterd.common.bus.OfflineMessages;
import dev.rosterd.testing.TestStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Messages stored all at once, more than one transaction holds: each is answered after its commit,
 * the offline queue keeps them in the order they came, and the cap counts the messages of the same
 * transaction too.
 */
@ExtendWith({VertxExtension.class, TestStores.Extension.class})
class GroupCommitTest {
  private static final int CAP = 400;
  private static final int BURST = CAP + GroupCommit.MAX_BATCH;

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void aBurstIsQueuedInArrivalOrderUpToTheCap(TestStores.Kind kind, TestStores stores, Vertx vertx) throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    bus.deploy(ArchiveBus.config(stores.fresh(kind)).put("offlineCapPerUser", CAP), new TestClock(Instant.EPOCH));
    List<Future<JsonObject>> replies = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      replies.add(bus.request(Addresses.ARCHIVE_STORE, offline("m" + i).toJson()));
    }
    ArchiveBus.await(Future.join(replies).otherwiseEmpty());

    List<String> acked = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      Future<JsonObject> reply = replies.get(i);
      if (i < CAP) {
        assertTrue(reply.succeeded(), "message " + i + " is within the cap: " + reply.cause());
        acked.add(MessageStored.fromJson(reply.result()).stanzaId());
      } else {
        ReplyException e = (ReplyException) reply.cause();
        assertEquals(BusFailure.RESOURCE_CONSTRAINT, e == null ? 0 : e.failureCode(), "message " + i);
      }
    }
    OfflineMessages queued = bus.take(BOB, 500);
    assertEquals(acked, queued.messages().stream().map(OfflineMessages.Item::stanzaId).toList(),
        "the queue holds the acknowledged messages, in the order they were sent");
    assertEquals(ArchiveBus.chat(ALICE + "/phone", BOB, "m" + (CAP - 1)), queued.messages().get(CAP - 1).stanzaXml());
    assertEquals(CAP, bus.query(new ArchiveQuery(ALICE, null, null, null, 0, null, null)).count(),
        "refused messages are in no archive");
  }

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void aMessageStoredTwiceIsKeptOnce(TestStores.Kind kind, TestStores stores, Vertx vertx) throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    bus.deploy(ArchiveBus.config(stores.fresh(kind)), new TestClock(Instant.EPOCH));
    MessageStored first = bus.store(offline("hello"));
    // What the c2s sends when a session that had the message ends without acknowledging it, twice
    // (in one transaction and then in another), with the id the archive gave it.
    MessageStore again = new MessageStore(BOB, ALICE + "/phone", ArchiveBus.chat(ALICE + "/phone", BOB, "hello"),
        true, List.of(ALICE, BOB), true, first.stanzaId());
    ArchiveBus.await(Future.all(IntStream.range(0, 2)
        .mapToObj(i -> bus.request(Addresses.ARCHIVE_STORE, again.toJson())).toList()));
    assertEquals(first.stanzaId(), bus.store(again).stanzaId());

    assertEquals(List.of(first.stanzaId()),
        bus.take(BOB, 0).messages().stream().map(OfflineMessages.Item::stanzaId).toList());
    assertEquals(1, bus.query(new ArchiveQuery(BOB, null, null, null, 0, null, null)).count());
    assertEquals(1, bus.query(new ArchiveQuery(ALICE, null, null, null, 0, null, null)).count());
  }

  private static MessageStore offline(String body) {
    return new MessageStore(BOB, ALICE + "/phone", ArchiveBus.chat(ALICE + "/phone", BOB, body), true,
        List.of(ALICE, BOB), true);
  }
}
