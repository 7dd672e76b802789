package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.RosterItems;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users whose roster bodies drip a byte at a time cost only themselves: a timed-out request gives
 * its connection back at once, and one user's fetches take at most {@code maxInFlightPerUser} of
 * the {@code maxInFlight} slots, so healthy users are served while the drippers are still dripping.
 */
@ExtendWith(VertxExtension.class)
class SlowBackendTest {
  private static final String CONTACT = "{\"c@example.com\":{}}";
  private RawBackend raw;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    raw = RawBackend.start(vertx);
    for (String user : List.of("drip1", "drip2")) {
      raw.answer(user, RawBackend.drip(100));
    }
    for (String user : List.of("alice", "bob", "carol", "dave")) {
      raw.answer(user, RawBackend.roster(CONTACT));
    }
  }

  private FetcherHarness fetcher(int maxInFlight, int timeoutMs) {
    return FetcherHarness.start(vertx, new JsonObject()
        .put("http_roster_url", raw.rosterUrl()).put("maxInFlight", maxInFlight).put("timeoutMs", timeoutMs));
  }

  private static void assertTimedOut(Future<RosterItems> fetch, int timeoutMs) {
    try {
      FetcherHarness.await(fetch);
    } catch (RuntimeException e) {
      Throwable cause = e instanceof ReplyException ? e : e.getCause();
      assertTrue(String.valueOf(cause).contains("no complete answer within " + timeoutMs + " ms"), String.valueOf(cause));
      return;
    }
    throw new AssertionError("a dripping fetch succeeded");
  }

  @Test
  void timedOutRequestsGiveTheirConnectionsBack() {
    FetcherHarness h = fetcher(2, 1000);
    Future<RawBackend.Connection> c1 = raw.nextRequestOf("drip1");
    Future<RawBackend.Connection> c2 = raw.nextRequestOf("drip2");
    Future<RosterItems> drip1 = h.fetch("drip1");
    Future<RosterItems> drip2 = h.fetch("drip2");
    assertTimedOut(drip1, 1000);
    assertTimedOut(drip2, 1000);
    // Both connections the pool may open are the drippers'; only their closing lets alice in.
    assertEquals(1, FetcherHarness.await(h.fetch("alice")).items().size());
    FetcherHarness.await(FetcherHarness.await(c1).closed());
    FetcherHarness.await(FetcherHarness.await(c2).closed());
  }

  @Test
  void drippersDoNotStarveHealthyUsers() {
    FetcherHarness h = fetcher(6, 3000);
    List<Future<RosterItems>> drips = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      drips.add(h.fetch("drip1"));
      drips.add(h.fetch("drip2"));
    }
    List<Future<RosterItems>> healthy = new ArrayList<>();
    for (String user : List.of("alice", "bob", "carol", "dave")) {
      healthy.add(h.fetch(user));
    }
    for (Future<RosterItems> f : healthy) {
      assertEquals(1, FetcherHarness.await(f).items().size());
    }
    assertTrue(drips.stream().noneMatch(Future::isComplete), "a dripping fetch ended before the healthy users were served");
    assertEquals(2, raw.requestsOf("drip1"), "requests of drip1 open at once");
    assertEquals(2, raw.requestsOf("drip2"), "requests of drip2 open at once");
    for (Future<RosterItems> f : drips) {
      assertTimedOut(f, 3000);
    }
    assertEquals(4, raw.requestsOf("drip1"));
  }
}
