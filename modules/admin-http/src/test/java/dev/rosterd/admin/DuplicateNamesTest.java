package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A name given twice, also in another case ({@code Alice} is the JID local part {@code alice}),
 * is refreshed and counted once (the reference counted duplicates twice).
 */
@ExtendWith(VertxExtension.class)
class DuplicateNamesTest {
  @Test
  void duplicatesCountOnce(Vertx vertx) {
    AdminHarness h = AdminHarness.start(vertx, new JsonObject());
    h.online("alice");
    var r = h.post("[\"alice\", \"bob\", \"alice\", \"Alice\", \"bob\"]");
    assertEquals(200, r.statusCode());
    assertEquals(2, r.bodyAsJsonObject().getInteger("updated"));
    assertEquals(0, r.bodyAsJsonObject().getInteger("errors"));
    assertEquals(2, h.backend.requests("alice"), "login and one refresh");
  }
}
