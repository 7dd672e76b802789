package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code []} is answered at once (the reference never answered it). */
@ExtendWith(VertxExtension.class)
class EmptyRefreshTest {
  @Test
  void emptyArray(Vertx vertx) {
    AdminHarness h = AdminHarness.start(vertx, new JsonObject());
    var r = h.post("[]");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.getHeader("Content-Type"));
    assertEquals(new JsonObject().put("status", "ok").put("message", "roster update complete")
        .put("updated", 0).put("errors", 0), r.bodyAsJsonObject());
  }
}
