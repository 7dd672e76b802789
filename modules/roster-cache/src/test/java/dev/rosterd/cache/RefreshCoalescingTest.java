package dev.rosterd.cache;

import static dev.rosterd.cache.CacheHarness.await;
import static dev.rosterd.cache.CacheHarness.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.RefreshOutcome;
import dev.rosterd.common.bus.RefreshOutcome.Outcome;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.roster.RosterChange.Kind;
import dev.rosterd.common.roster.RosterItem;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refreshes that arrive while a slow fetch of the same user is in flight must not settle for it:
 * that fetch may predate the change they announce. They share exactly one more fetch, and the
 * change the backend made meanwhile arrives.
 */
@ExtendWith(VertxExtension.class)
class RefreshCoalescingTest {
  @Test
  void refreshDuringSlowFetchGetsTheLaterChange(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    JsonObject roster = new JsonObject().put("bob@example.com", FakeRosterBackend.contact("Bob"));
    h.backend.roster("alice", roster);
    BlockingQueue<JsonObject> phone = h.online("alice", "phone");
    await(h.get("alice"));

    roster.put("carol@example.com", FakeRosterBackend.contact("Carol"));
    h.backend.roster("alice", roster).hold("alice");
    Future<String> slowFetchStarted = h.backend.nextRequest();
    Future<RefreshOutcome> first = h.refresh("alice");
    await(slowFetchStarted); // the first refresh's fetch has its answer (with carol) and is held

    roster.put("dave@example.com", FakeRosterBackend.contact("Dave"));
    h.backend.roster("alice", roster);
    Future<RefreshOutcome> second = h.refresh("alice");
    Future<RefreshOutcome> third = h.refresh("alice");
    // The cache takes messages in order: once this get is answered, both refreshes have arrived.
    await(h.get("alice"));
    h.backend.release("alice");

    assertEquals(new RefreshOutcome(Outcome.UPDATED, 1), await(first));
    RefreshOutcome a = await(second);
    RefreshOutcome b = await(third);
    assertEquals(1, a.changes() + b.changes(), "one of them fetched dave, the other joined: " + a + b);
    assertEquals(3, h.backend.requests("alice"), "the get, the slow fetch, and one more");

    assertEquals(List.of(new RosterChange(Kind.ADDED, new RosterItem("carol@example.com", "Carol", List.of()))),
        SessionMessage.RosterChanged.fromJson(next(phone)).changes());
    assertEquals(List.of(new RosterChange(Kind.ADDED, new RosterItem("dave@example.com", "Dave", List.of()))),
        SessionMessage.RosterChanged.fromJson(next(phone)).changes());
    assertEquals(3, await(h.get("alice")).items().size());
    assertTrue(phone.isEmpty());
  }
}
