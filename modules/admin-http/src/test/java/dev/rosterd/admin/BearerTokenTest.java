package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With {@code admin.token} set, {@code /roster_admin/*} needs it as a bearer token. */
@ExtendWith(VertxExtension.class)
class BearerTokenTest {
  private static final String TOKEN = "0123456789abcdef-secret";
  private AdminHarness h;

  @BeforeEach
  void start(Vertx vertx) {
    h = AdminHarness.start(vertx, new JsonObject().put("token", TOKEN));
    h.online("alice");
  }

  private int post(String authorization) {
    var req = h.http.post(h.admin.actualPort(), "127.0.0.1", RosterAdminRoutes.REFRESH);
    if (authorization != null) {
      req.putHeader("Authorization", authorization);
    }
    var r = AdminHarness.await(req.sendBuffer(Buffer.buffer("[\"alice\"]")));
    if (r.statusCode() == 401) {
      assertEquals("error", r.bodyAsJsonObject().getString("status"));
      assertEquals("Bearer", r.getHeader("WWW-Authenticate"));
    }
    return r.statusCode();
  }

  @Test
  void missingOrWrongTokenIs401AndRefreshesNothing() {
    assertEquals(401, post(null));
    assertEquals(401, post("Bearer wrong"));
    assertEquals(401, post("Bearer " + TOKEN + "x"));
    assertEquals(401, post("Basic " + TOKEN));
    assertEquals(401, h.get("/roster_admin/refresh/alice").statusCode());
    assertEquals(1, h.backend.requests("alice"), "only the login fetched");
  }

  @Test
  void rightTokenPasses() {
    assertEquals(200, post("Bearer " + TOKEN));
    assertEquals(200, post("bearer " + TOKEN));
    assertEquals(3, h.backend.requests("alice"));
  }
}
