package dev.rosterd.fetcher;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A backend that does not answer within {@code timeoutMs} fails the fetch; nothing waits forever. */
@ExtendWith(VertxExtension.class)
class FetchTimeoutTest {
  @Test
  void silentBackendTimesOut(Vertx vertx) {
    FetcherHarness h = FetcherHarness.start(vertx, new JsonObject().put("timeoutMs", 400));
    h.backend.hold("bob");
    try {
      FailedFetchTest.assertFails(h, "bob", "no complete answer within 400 ms");
    } finally {
      h.backend.release("bob");
    }
  }
}
