package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.FakeRosterBackend.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /roster_admin/refresh/{username}}: the same refresh for one user. */
@ExtendWith(VertxExtension.class)
class SingleUserRefreshTest {
  private AdminHarness h;

  @BeforeEach
  void start(Vertx vertx) {
    h = AdminHarness.start(vertx, new JsonObject());
  }

  @Test
  void onlineUserIsRefreshed() {
    h.online("zoë");
    var r = h.get("/roster_admin/refresh/zo%C3%AB");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.getHeader("Content-Type"));
    assertEquals("ok", r.bodyAsJsonObject().getString("status"));
    assertEquals("roster update complete", r.bodyAsJsonObject().getString("message"));
    assertEquals(2, h.backend.requests("zoë"));
  }

  @Test
  void offlineUserIsOk() {
    var j = h.get("/roster_admin/refresh/carol").bodyAsJsonObject();
    assertEquals("ok", j.getString("status"));
    assertEquals(0, h.backend.requests("carol"));
  }

  @Test
  void backendFailureIsAnError() {
    h.online("alice");
    h.backend.respond("alice", new Response(500, "text/plain", "boom"));
    var j = h.get("/roster_admin/refresh/alice").bodyAsJsonObject();
    assertEquals("error", j.getString("status"));
    assertTrue(j.getString("message").contains("HTTP 500"), j.encode());
  }

  @Test
  void invalidUsernameIs400() {
    var r = h.get("/roster_admin/refresh/a%20b");
    assertEquals(400, r.statusCode());
    assertEquals("error", r.bodyAsJsonObject().getString("status"));
  }
}
