package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A refresh body over {@code admin.maxBodyBytes} is 413 with a JSON error. */
@ExtendWith(VertxExtension.class)
class BodyLimitTest {
  @Test
  void oversizedBodyIs413(Vertx vertx) {
    AdminHarness h = AdminHarness.start(vertx, new JsonObject().put("maxBodyBytes", 100));
    JsonArray names = new JsonArray();
    for (int i = 0; i < 50; i++) {
      names.add("user" + i);
    }
    var r = h.post(names.encode());
    assertEquals(413, r.statusCode());
    assertEquals("error", r.bodyAsJsonObject().getString("status"));
  }
}
