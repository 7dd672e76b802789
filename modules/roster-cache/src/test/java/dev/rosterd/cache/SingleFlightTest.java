package dev.rosterd.cache;

import static dev.rosterd.cache.CacheHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Concurrent first gets of one user (several clients logging in at once) share one backend fetch. */
@ExtendWith(VertxExtension.class)
class SingleFlightTest {
  @Test
  void concurrentGetsShareOneFetch(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.backend.roster("alice", new JsonObject().put("bob@example.com", FakeRosterBackend.contact("Bob")));
    h.online("alice", "phone");
    h.online("alice", "laptop");
    h.backend.hold("alice");
    Future<String> arrived = h.backend.nextRequest();
    Future<RosterSnapshot> phone = h.get("alice");
    Future<RosterSnapshot> laptop = h.get("alice");
    Future<RosterSnapshot> tablet = h.get("alice");
    await(arrived);
    h.backend.release("alice");
    assertEquals(await(phone), await(laptop));
    assertEquals(await(phone), await(tablet));
    assertEquals("bob@example.com", await(phone).items().get(0).jid());
    assertEquals(1, h.backend.requests("alice"));
    await(h.get("alice"));
    assertEquals(1, h.backend.requests("alice"), "a later get is served from the cache");
  }
}
