package dev.rosterd.cache;

import static dev.rosterd.cache.CacheHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.FakeRosterBackend.Response;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failed fetch changes nothing: the cached roster stays, a first get caches nothing. */
@ExtendWith(VertxExtension.class)
class FailedRefreshTest {
  @Test
  void failedRefreshKeepsTheRoster(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.backend.roster("alice", new JsonObject().put("bob@example.com", FakeRosterBackend.contact("Bob")));
    BlockingQueue<JsonObject> phone = h.online("alice", "phone");
    RosterSnapshot before = await(h.get("alice"));

    h.backend.respond("alice", new Response(500, "text/plain", "down"));
    ReplyException e = CacheHarness.failure(h.refresh("alice"));
    assertEquals(BusFailure.BACKEND, e.failureCode());
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    assertEquals(before, await(h.get("alice")));
    assertTrue(phone.isEmpty(), "nothing pushed");
  }

  @Test
  void failedFirstGetCachesNothingAndTheNextGetRetries(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.online("alice", "phone");
    h.backend.respond("alice", new Response(200, "application/json", "not json"));
    assertEquals(BusFailure.BACKEND, CacheHarness.failure(h.get("alice")).failureCode());
    assertNull(h.cached("alice"));
    h.backend.roster("alice", new JsonObject().put("bob@example.com", FakeRosterBackend.contact("Bob")));
    assertEquals("bob@example.com", await(h.get("alice")).items().get(0).jid());
    assertEquals(2, h.backend.requests("alice"));
  }
}
