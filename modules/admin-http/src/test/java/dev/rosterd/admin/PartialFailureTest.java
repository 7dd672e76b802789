package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.FakeRosterBackend.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One of two users failing at the backend: counted, reported by name, and its roster kept. */
@ExtendWith(VertxExtension.class)
class PartialFailureTest {
  @Test
  void oneOfTwoFails(Vertx vertx) {
    AdminHarness h = AdminHarness.start(vertx, new JsonObject());
    h.backend.roster("bob", new JsonObject().put("alice@example.com", FakeRosterBackend.contact("Alice")));
    h.online("alice");
    h.online("bob");
    RosterSnapshot bobBefore = h.rosterOf("bob");
    h.backend.respond("bob", new Response(500, "text/plain", "boom"));

    JsonObject j = h.post("[\"alice\", \"bob\"]").bodyAsJsonObject();

    assertEquals("ok", j.getString("status"));
    assertEquals(1, j.getInteger("updated"));
    assertEquals(1, j.getInteger("errors"));
    assertTrue(j.getJsonObject("failed").getString("bob").contains("HTTP 500"), j.encode());
    assertEquals(bobBefore, h.rosterOf("bob"));
  }

  @Test
  void allFail(Vertx vertx) {
    AdminHarness h = AdminHarness.start(vertx, new JsonObject());
    h.online("alice");
    h.online("bob");
    h.backend.respond("alice", new Response(500, "text/plain", "boom"));
    h.backend.respond("bob", new Response(200, "application/json", "[]"));

    JsonObject j = h.post("[\"alice\", \"bob\"]").bodyAsJsonObject();

    assertEquals("error", j.getString("status"));
    assertEquals(0, j.getInteger("updated"));
    assertEquals(2, j.getInteger("errors"));
    assertEquals(2, j.getJsonObject("failed").size());
  }
}
