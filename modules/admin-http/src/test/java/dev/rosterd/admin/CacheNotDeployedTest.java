package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With no roster cache to ask, every user is an error and every request still gets its answer. */
@ExtendWith(VertxExtension.class)
class CacheNotDeployedTest {
  @Test
  void usersCountAsErrors(Vertx vertx) {
    AdminHarness h = AdminHarness.adminOnly(vertx, new JsonObject());
    var r = h.post("[\"alice\", \"bob\"]");
    assertEquals(200, r.statusCode());
    JsonObject j = r.bodyAsJsonObject();
    assertEquals("error", j.getString("status"));
    assertEquals(0, j.getInteger("updated"));
    assertEquals(2, j.getInteger("errors"));
    assertTrue(j.getJsonObject("failed").getString("alice").contains("not deployed"), j.encode());

    JsonObject one = h.get("/roster_admin/refresh/alice").bodyAsJsonObject();
    assertEquals("error", one.getString("status"));
    assertTrue(one.getString("message").contains("not deployed"), one.encode());
  }
}
