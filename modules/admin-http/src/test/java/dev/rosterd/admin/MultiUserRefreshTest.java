package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Several users in one POST: online ones re-fetched and pushed, offline ones counted, none fetched. */
@ExtendWith(VertxExtension.class)
class MultiUserRefreshTest {
  @Test
  void countsOnlineAndOfflineUsers(Vertx vertx) throws InterruptedException {
    AdminHarness h = AdminHarness.start(vertx, new JsonObject().put("maxConcurrentRefreshes", 2));
    BlockingQueue<JsonObject> alice = h.online("alice");
    BlockingQueue<JsonObject> bob = h.online("bob");
    h.online("erin");
    h.backend.roster("alice", new JsonObject().put("bob@example.com", FakeRosterBackend.contact("Bob")));
    h.backend.roster("bob", new JsonObject().put("alice@example.com", FakeRosterBackend.contact("Alice")));

    var r = h.post("[\"alice\", \"bob\", \"carol\", \"dave\", \"erin\"]");

    assertEquals(200, r.statusCode());
    assertEquals(new JsonObject().put("status", "ok").put("message", "roster update complete")
        .put("updated", 5).put("errors", 0), r.bodyAsJsonObject());
    assertEquals(2, h.backend.requests("alice"), "login and refresh");
    assertEquals(2, h.backend.requests("bob"));
    assertEquals(2, h.backend.requests("erin"));
    assertEquals(0, h.backend.requests("carol"), "offline: not fetched");
    assertEquals("bob@example.com",
        SessionMessage.RosterChanged.fromJson(alice.poll(10, TimeUnit.SECONDS)).changes().get(0).item().jid());
    assertEquals("alice@example.com",
        SessionMessage.RosterChanged.fromJson(bob.poll(10, TimeUnit.SECONDS)).changes().get(0).item().jid());
  }
}
