package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.BusFailure;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nothing listening at the roster URL: the fetch fails at once, naming user, URL and cause. */
@ExtendWith(VertxExtension.class)
class BackendDownTest {
  @Test
  void refusedConnection(Vertx vertx) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    FetcherHarness h = FetcherHarness.start(vertx,
        new JsonObject().put("http_roster_url", "http://127.0.0.1:" + port + "/roster/%s"));
    ReplyException e = h.failure("bob");
    assertEquals(BusFailure.BACKEND, e.failureCode());
    assertTrue(e.getMessage().contains("\"bob\""), e.getMessage());
    assertTrue(e.getMessage().contains("http://127.0.0.1:" + port + "/roster/bob"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
  }
}
