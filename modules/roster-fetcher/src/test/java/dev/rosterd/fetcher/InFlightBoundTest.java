package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code maxInFlight} 1, a second fetch waits for the first: the backend sees it only after
 * the first request ended (here by its timeout, which bounds how early that can be).
 */
@ExtendWith(VertxExtension.class)
class InFlightBoundTest {
  @Test
  void secondRequestWaitsForTheFirst(Vertx vertx) {
    FetcherHarness h = FetcherHarness.start(vertx, new JsonObject().put("maxInFlight", 1).put("timeoutMs", 1000));
    h.backend.hold("slow");
    Future<String> first = h.backend.nextRequest();
    long sent = System.nanoTime();
    Future<?> slow = h.fetch("slow");
    assertEquals("slow", FetcherHarness.await(first));
    Future<String> second = h.backend.nextRequest();
    Future<?> quick = h.fetch("quick");
    assertEquals("quick", FetcherHarness.await(second));
    long waitedMs = (System.nanoTime() - sent) / 1_000_000;
    assertTrue(waitedMs >= 1000, "the second request reached the backend after " + waitedMs + " ms");
    FetcherHarness.await(quick);
    assertTrue(slow.failed());
    h.backend.release("slow");
  }
}
