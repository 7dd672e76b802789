package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The roster request asks for JSON and carries the headers the config names. */
@ExtendWith(VertxExtension.class)
class RequestHeadersTest {
  @Test
  void acceptJsonAndConfiguredHeaders(Vertx vertx) {
    FetcherHarness h = FetcherHarness.start(vertx, new JsonObject()
        .put("headers", new JsonObject().put("Authorization", "Bearer app-token").put("X-Tenant", "t1")));
    FetcherHarness.await(h.fetch("alice"));
    Map<String, String> headers = h.backend.requestHeaders().get(0);
    assertEquals("application/json", headers.get("accept"));
    assertEquals("Bearer app-token", headers.get("authorization"));
    assertEquals("t1", headers.get("x-tenant"));
  }
}
