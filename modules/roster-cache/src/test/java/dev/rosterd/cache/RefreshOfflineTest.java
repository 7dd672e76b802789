package dev.rosterd.cache;

import static dev.rosterd.cache.CacheHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.common.bus.RefreshOutcome;
import dev.rosterd.common.bus.RefreshOutcome.Outcome;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user with no session anywhere counts as updated, and the backend is not asked. */
@ExtendWith(VertxExtension.class)
class RefreshOfflineTest {
  @Test
  void offlineUserIsNotFetched(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    assertEquals(new RefreshOutcome(Outcome.OFFLINE, 0), await(h.refresh("alice")));
    assertEquals(0, h.backend.requests("alice"));
  }
}
