package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.BusFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A failed fetch stops reading: whether the body passed {@code maxBodyBytes}, outlived {@code
 * timeoutMs} or came with a bad status, rosterd closes the connection (the backend sees it closed)
 * instead of reading the rest. What the backend got to hand to its kernel by then is bounded by the
 * cap plus what loopback socket buffers hold, far less than the body it meant to send.
 */
@ExtendWith(VertxExtension.class)
class RunawayBodyTest {
  private static final int CAP = 1024 * 1024;
  /** More than the send and receive buffers of a loopback connection may hold between the two ends. */
  private static final long SOCKET_BUFFERS = 64L * 1024 * 1024;

  private RawBackend raw;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    raw = RawBackend.start(vertx);
  }

  private FetcherHarness fetcher(JsonObject config) {
    return FetcherHarness.start(vertx, config.put("http_roster_url", raw.rosterUrl()).put("maxBodyBytes", CAP));
  }

  /** Fetches {@code user}, expects the failure to name {@code cause}; returns the bytes the backend wrote before rosterd closed. */
  private long failsAndCloses(FetcherHarness h, String user, String cause) {
    Future<RawBackend.Connection> connection = raw.nextRequestOf(user);
    ReplyException e = h.failure(user);
    assertEquals(BusFailure.BACKEND, e.failureCode());
    assertTrue(e.getMessage().contains(cause), e.getMessage());
    return FetcherHarness.await(FetcherHarness.await(connection).closed());
  }

  @Test
  void endlessBodyIsCutAtTheCap() {
    raw.answer("bob", RawBackend.endless(200));
    long written = failsAndCloses(fetcher(new JsonObject()), "bob", "larger than " + CAP + " bytes");
    assertTrue(written < CAP + SOCKET_BUFFERS, "the backend wrote " + written + " bytes");
  }

  @Test
  void hugeBodyIsNotReadToItsEnd() {
    long size = 256L * 1024 * 1024;
    raw.answer("bob", RawBackend.sized(size));
    long written = failsAndCloses(fetcher(new JsonObject()), "bob", "larger than " + CAP + " bytes");
    assertTrue(written < CAP + SOCKET_BUFFERS, "the backend wrote " + written + " of " + size + " bytes");
  }

  @Test
  void bodyDrippingPastTheTimeoutIsAbandoned() {
    raw.answer("bob", RawBackend.drip(50));
    failsAndCloses(fetcher(new JsonObject().put("timeoutMs", 500)), "bob", "no complete answer within 500 ms");
  }

  @Test
  void bodyOfAnErrorStatusIsNotRead() {
    raw.answer("bob", RawBackend.endless(500));
    long written = failsAndCloses(fetcher(new JsonObject()), "bob", "HTTP 500");
    assertTrue(written < CAP + SOCKET_BUFFERS, "the backend wrote " + written + " bytes");
  }

  @Test
  void theNextFetchWorks() {
    raw.answer("bob", RawBackend.endless(200));
    raw.answer("alice", RawBackend.roster("{\"c@example.com\":{}}"));
    FetcherHarness h = fetcher(new JsonObject().put("maxInFlight", 1));
    failsAndCloses(h, "bob", "larger than");
    assertEquals(1, FetcherHarness.await(h.fetch("alice")).items().size());
  }
}
