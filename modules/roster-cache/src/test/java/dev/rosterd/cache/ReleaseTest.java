package dev.rosterd.cache;

import static dev.rosterd.cache.CacheHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rosterd.common.bus.RefreshOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Memory follows online users: the entry goes with the user's last session, not before. */
@ExtendWith(VertxExtension.class)
class ReleaseTest {
  @Test
  void lastSessionGoneDropsTheEntry(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.online("alice", "phone");
    h.online("alice", "laptop");
    await(h.get("alice"));

    h.offline("alice", "phone");
    h.release("alice");
    assertNotNull(h.cached("alice"), "one session is left");

    h.offline("alice", "laptop");
    h.release("alice");
    assertNull(h.cached("alice"));
    assertEquals(1, h.backend.requests("alice"));
  }

  @Test
  void getForAUserWithNoSessionLeavesNothingBehind(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    await(h.get("ghost"));
    assertNull(h.cached("ghost"));
  }

  @Test
  void logoutDuringARefreshLeavesNothingBehind(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    var refresh = refreshHeldAtTheBackend(h);
    h.offline("alice", "phone");
    h.backend.release("alice");
    await(refresh);
    assertNull(h.cached("alice"));
  }

  @Test
  void releaseDoesNotWaitForAFetchInFlight(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    var refresh = refreshHeldAtTheBackend(h);

    h.offline("alice", "phone");
    h.release("alice"); // fails after 10 s if it queues behind the refresh holding the user's lock
    assertNull(h.cached("alice"), "released while the refetch is still held at the backend");

    h.backend.release("alice");
    await(refresh);
    assertNull(h.cached("alice"), "the refetch, finding alice offline, stores nothing either");
  }

  @Test
  void releaseKeepsAnEntryStoredForANewSession(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.online("alice", "phone");
    await(h.get("alice"));
    h.offline("alice", "phone");
    h.online("alice", "laptop");
    h.release("alice"); // the phone's release arrives after the laptop logged in
    assertNotNull(h.cached("alice"));
    assertEquals(1, h.backend.requests("alice"));
  }

  /** Alice online with her roster cached, and a refresh of her whose refetch the backend holds. */
  private static Future<RefreshOutcome> refreshHeldAtTheBackend(CacheHarness h) {
    h.online("alice", "phone");
    await(h.get("alice"));
    h.backend.hold("alice");
    var started = h.backend.nextRequest();
    var refresh = h.refresh("alice");
    await(started);
    return refresh;
  }
}
