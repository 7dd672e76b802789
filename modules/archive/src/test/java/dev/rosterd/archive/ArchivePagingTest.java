package dev.rosterd.archive;

import static dev.rosterd.archive.ArchiveBus.ALICE;
import static dev.rosterd.archive.ArchiveBus.BOB;
import static dev.rosterd.archive.ArchiveBus.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchivePage;
import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.testing.TestStores;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * XEP-0313 queries over a few thousand messages, paged with XEP-0059 both ways: every message seen
 * once and in order, the {@code complete} flag on the last page of each direction, the filters.
 */
@ExtendWith({VertxExtension.class, TestStores.Extension.class})
class ArchivePagingTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int N = 2400;

  /** Alice's archive: bob (phone, laptop by turns) and carol write to her, one message a second. */
  private static List<String> fill(ArchiveBus bus, TestClock clock) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      String from = i % 3 == 2 ? CAROL + "/web" : BOB + (i % 2 == 0 ? "/phone" : "/laptop");
      ids.add(bus.store(new MessageStore(ALICE, from, ArchiveBus.chat(from, ALICE, "m" + i), false,
          List.of(ALICE), true)).stanzaId());
      clock.advance(Duration.ofSeconds(1));
    }
    return ids;
  }

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void pagesForwardsAndBackwardsWithFilters(TestStores.Kind kind, TestStores stores, Vertx vertx) throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    TestClock clock = new TestClock(T0);
    bus.deploy(ArchiveBus.config(stores.fresh(kind)), clock);
    List<String> ids = fill(bus, clock);

    forwards(bus, ids);
    backwards(bus, ids);
    inTheMiddle(bus, ids);
    filters(bus, ids);
    assertEquals(0, bus.query(new ArchiveQuery(BOB, null, null, null, 0, null, null)).count(),
        "only alice's archive kept them");
  }

  private static void forwards(ArchiveBus bus, List<String> ids) throws Exception {
    List<String> seen = new ArrayList<>();
    String after = null;
    ArchivePage page;
    do {
      page = bus.query(new ArchiveQuery(ALICE, null, null, null, 100, after, null));
      assertEquals(N, page.count());
      page.messages().forEach(m -> seen.add(m.stanzaId()));
      assertEquals(page.messages().get(0).stanzaId(), page.first());
      after = page.last();
      assertEquals(seen.size() == N, page.complete(), "complete only on the last page, at " + seen.size());
    } while (!page.complete());
    assertEquals(ids, seen);
    ArchivePage first = bus.query(new ArchiveQuery(ALICE, null, null, null, 0, null, null));
    assertEquals(ArchivePaging.DEFAULT_MAX, first.messages().size());
    assertEquals(T0, first.messages().get(0).timestamp());
    assertEquals(ArchiveBus.chat(BOB + "/phone", ALICE, "m0"), first.messages().get(0).stanzaXml());
    assertEquals(ArchivePaging.MAX_PAGE,
        bus.query(new ArchiveQuery(ALICE, null, null, null, 100_000, null, null)).messages().size());
  }

  private static void backwards(ArchiveBus bus, List<String> ids) throws Exception {
    LinkedList<String> seen = new LinkedList<>();
    String before = "";
    ArchivePage page;
    do {
      page = bus.query(new ArchiveQuery(ALICE, null, null, null, 70, null, before));
      List<String> pageIds = page.messages().stream().map(ArchivePage.Item::stanzaId).toList();
      if (before.isEmpty()) {
        assertEquals(ids.subList(N - 70, N), pageIds, "before=\"\" is the last page, oldest first");
      }
      seen.addAll(0, pageIds);
      before = page.first();
      assertEquals(seen.size() == N, page.complete(), "complete only on the oldest page, at " + seen.size());
    } while (!page.complete());
    assertEquals(ids, seen);
  }

  private static void inTheMiddle(ArchiveBus bus, List<String> ids) throws Exception {
    ArchivePage after = bus.query(new ArchiveQuery(ALICE, null, null, null, 10, ids.get(999), null));
    assertEquals(ids.subList(1000, 1010), after.messages().stream().map(ArchivePage.Item::stanzaId).toList());
    assertFalse(after.complete());
    ArchivePage before = bus.query(new ArchiveQuery(ALICE, null, null, null, 10, null, ids.get(1000)));
    assertEquals(ids.subList(990, 1000), before.messages().stream().map(ArchivePage.Item::stanzaId).toList());
    ArchivePage tail = bus.query(new ArchiveQuery(ALICE, null, null, null, 10, ids.get(N - 4), null));
    assertEquals(3, tail.messages().size());
    assertTrue(tail.complete());
    ArchivePage past = bus.query(new ArchiveQuery(ALICE, null, null, null, 10, ids.get(N - 1), null));
    assertTrue(past.messages().isEmpty() && past.complete() && past.first() == null);
    assertEquals(BusFailure.NOT_FOUND, bus.failure(Addresses.ARCHIVE_QUERY,
        new ArchiveQuery(ALICE, null, null, null, 10, "no-such-id", null).toJson()).failureCode());
    assertEquals(BusFailure.NOT_FOUND, bus.failure(Addresses.ARCHIVE_QUERY,
        new ArchiveQuery(BOB, null, null, null, 10, ids.get(5), null).toJson()).failureCode(),
        "an id of alice's archive is unknown in bob's");
  }

  private static void filters(ArchiveBus bus, List<String> ids) throws Exception {
    List<String> fromCarol = new ArrayList<>();
    List<String> fromLaptop = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      (i % 3 == 2 ? fromCarol : i % 2 == 1 ? fromLaptop : new ArrayList<String>()).add(ids.get(i));
    }
    assertEquals(fromCarol, all(bus, CAROL, null, null));
    assertEquals(fromLaptop, all(bus, BOB + "/laptop", null, null));
    assertEquals(N - fromCarol.size(), bus.query(new ArchiveQuery(ALICE, BOB, null, null, 1, null, null)).count());
    // Messages 600 to 899 were accepted from T0+600s to T0+899s; both ends are inclusive.
    String start = T0.plusSeconds(600).toString();
    String end = T0.plusSeconds(899).toString();
    assertEquals(ids.subList(600, 900), all(bus, null, start, end));
    assertEquals(ids.subList(600, 900).stream().filter(fromCarol::contains).toList(), all(bus, CAROL, start, end));
    assertEquals(List.of(ids.get(0)), all(bus, null, null, "2026-01-01T01:00:00.5+01:00"), "an offset date-time");
    assertEquals(BusFailure.BAD_REQUEST, bus.failure(Addresses.ARCHIVE_QUERY,
        new ArchiveQuery(ALICE, null, "yesterday", null, 10, null, null).toJson()).failureCode());
    assertEquals(BusFailure.BAD_REQUEST, bus.failure(Addresses.ARCHIVE_QUERY,
        new ArchiveQuery(ALICE, "not a jid@", null, null, 10, null, null).toJson()).failureCode());
  }

  /** Every id matching the filters, paging forwards through the biggest pages. */
  private static List<String> all(ArchiveBus bus, String with, String start, String end) throws Exception {
    List<String> out = new ArrayList<>();
    String after = null;
    ArchivePage page;
    do {
      page = bus.query(new ArchiveQuery(ALICE, with, start, end, ArchivePaging.MAX_PAGE, after, null));
      page.messages().forEach(m -> out.add(m.stanzaId()));
      after = page.last();
    } while (!page.complete());
    assertEquals(out.size(), page.count());
    return out;
  }
}
