package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code admin.maxConnections} and {@code admin.maxHeaderBytes}, over real sockets. */
@ExtendWith(VertxExtension.class)
class ListenerLimitsTest {
  private static final String GET = "GET /roster_admin/refresh/carol HTTP/1.1\r\nHost: rosterd\r\n";

  private AdminHarness h;

  @BeforeEach
  void start(Vertx vertx) {
    h = AdminHarness.start(vertx, new JsonObject().put("maxConnections", 2).put("maxHeaderBytes", 1024));
  }

  @Test
  void connectionsPastTheCapAreRefusedWhileOpenOnesWork() throws Exception {
    try (RawHttpConnection first = new RawHttpConnection(h.admin.actualPort());
        RawHttpConnection second = new RawHttpConnection(h.admin.actualPort())) {
      // Each answered once: both are counted before the third connects.
      assertEquals(200, first.send(GET + "\r\n").response().status());
      assertEquals(200, second.send(GET + "\r\n").response().status());
      try (RawHttpConnection third = new RawHttpConnection(h.admin.actualPort())) {
        RawHttpConnection.Response refused = third.response();
        assertEquals(503, refused.status());
        assertEquals("error", new JsonObject(refused.body()).getString("status"));
        assertTrue(third.closedByServer());
      }
      assertEquals(200, first.send(GET + "\r\n").response().status());
    }
  }

  @Test
  void aHeadOverTheLimitIs431() throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(h.admin.actualPort())) {
      RawHttpConnection.Response r = c.send(GET + "X-Big: " + "a".repeat(1100) + "\r\n\r\n").response();
      assertEquals(431, r.status());
      assertEquals("error", new JsonObject(r.body()).getString("status"));
      assertTrue(c.closedByServer());
    }
    try (RawHttpConnection c = new RawHttpConnection(h.admin.actualPort())) {
      assertEquals(200, c.send(GET + "X-Fits: " + "a".repeat(800) + "\r\n\r\n").response().status());
    }
  }
}
