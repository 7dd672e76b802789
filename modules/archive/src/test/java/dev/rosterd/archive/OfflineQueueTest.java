package dev.rosterd.archive;

import static dev.rosterd.archive.ArchiveBus.ALICE;
import static dev.rosterd.archive.ArchiveBus.BOB;
import static dev.rosterd.archive.ArchiveBus.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.MessageStored;
import dev.rosterd.common.bus.OfflineMessages;
import dev.rosterd.testing.TestStores;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Offline messages (XEP-0160) kept in order with their stamps, read without loss, capped per user. */
@ExtendWith({VertxExtension.class, TestStores.Extension.class})
class OfflineQueueTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void queuedInOrderWithStampsTakenWithoutRemovingRemovedById(TestStores.Kind kind, TestStores stores, Vertx vertx)
      throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    TestClock clock = new TestClock(T0);
    bus.deploy(ArchiveBus.config(stores.fresh(kind)), clock);
    List<MessageStored> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(bus.send(i % 2 == 0 ? ALICE : CAROL, BOB, "hello " + i, true));
      clock.advance(Duration.ofSeconds(7));
    }
    assertEquals(T0, sent.get(0).timestamp());
    assertTrue(sent.get(0).offline());

    OfflineMessages first = bus.take(BOB, 3);
    assertEquals(ids(sent.subList(0, 3)), first.messages().stream().map(OfflineMessages.Item::stanzaId).toList());
    assertTrue(first.more());
    OfflineMessages.Item m0 = first.messages().get(0);
    assertEquals(ALICE + "/phone", m0.from());
    assertEquals(ArchiveBus.chat(ALICE + "/phone", BOB, "hello 0"), m0.stanzaXml());
    assertEquals(T0, m0.timestamp());
    assertEquals(T0.plusSeconds(14), first.messages().get(2).timestamp());

    // Taking again (a crash before delivery) gives the same messages: taking removes nothing.
    assertEquals(first, bus.take(BOB, 3));
    assertEquals(3, bus.remove(BOB, ids(sent.subList(0, 3))));
    assertEquals(0, bus.remove(BOB, ids(sent.subList(0, 1))), "a second removal finds nothing");

    OfflineMessages rest = bus.take(BOB, 0);
    assertEquals(ids(sent.subList(3, 5)), rest.messages().stream().map(OfflineMessages.Item::stanzaId).toList());
    assertFalse(rest.more());
    assertEquals(0, bus.take(ALICE, 0).messages().size(), "only the recipient's queue holds them");
    // Offline messages are in both parties' archives too, once each.
    assertEquals(5, bus.query(new ArchiveQuery(BOB, null, null, null, 0, null, null)).count());
    assertEquals(3, bus.query(new ArchiveQuery(ALICE, null, null, null, 0, null, null)).count());
  }

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void aFullQueueRefusesTheMessageWholeWithResourceConstraint(TestStores.Kind kind, TestStores stores, Vertx vertx)
      throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    bus.deploy(ArchiveBus.config(stores.fresh(kind)).put("offlineCapPerUser", 3), new TestClock(T0));
    for (int i = 0; i < 3; i++) {
      bus.send(ALICE, BOB, "m" + i, true);
    }
    MessageStore fourth = new MessageStore(BOB, ALICE + "/phone", ArchiveBus.chat(ALICE, BOB, "m3"), true,
        List.of(ALICE, BOB), true);
    ReplyException e = bus.failure(Addresses.ARCHIVE_STORE, fourth.toJson());
    assertEquals(BusFailure.RESOURCE_CONSTRAINT, e.failureCode());
    assertTrue(e.getMessage().contains("offline queue of " + BOB + " is full"), e.getMessage());
    assertTrue(e.getMessage().contains("archive.offlineCapPerUser"), e.getMessage());
    assertEquals(3, bus.take(BOB, 0).messages().size());
    assertEquals(3, bus.query(new ArchiveQuery(ALICE, null, null, null, 0, null, null)).count(),
        "the refused message is in no archive either");

    // Another user's queue is not affected, and a message to bob online still goes to the archive.
    bus.send(ALICE, CAROL, "to carol", true);
    bus.send(ALICE, BOB, "online now", false);
    assertEquals(1, bus.take(CAROL, 0).messages().size());
    assertEquals(4, bus.query(new ArchiveQuery(BOB, null, null, null, 0, null, null)).count());
  }

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void badJidsAreBadRequests(TestStores.Kind kind, TestStores stores, Vertx vertx) throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    bus.deploy(ArchiveBus.config(stores.fresh(kind)), new TestClock(T0));
    JsonObject notBare = new MessageStore("bob@example.com/laptop", ALICE, "<message/>", true, List.of(), true).toJson();
    assertEquals(BusFailure.BAD_REQUEST, bus.failure(Addresses.ARCHIVE_STORE, notBare).failureCode());
    JsonObject stranger = new MessageStore(BOB, ALICE, "<message/>", false, List.of(CAROL), true).toJson();
    ReplyException e = bus.failure(Addresses.ARCHIVE_STORE, stranger);
    assertEquals(BusFailure.BAD_REQUEST, e.failureCode());
    assertTrue(e.getMessage().contains("neither the sender nor the recipient"), e.getMessage());
    assertEquals(0, bus.take(BOB, 0).messages().size());
  }

  private static List<String> ids(List<MessageStored> stored) {
    return stored.stream().map(MessageStored::stanzaId).toList();
  }
}
