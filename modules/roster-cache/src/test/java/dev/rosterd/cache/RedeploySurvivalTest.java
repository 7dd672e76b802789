package dev.rosterd.cache;

import static dev.rosterd.cache.CacheHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cache lives in shared data: undeploying and redeploying its verticle loses no roster. */
@ExtendWith(VertxExtension.class)
class RedeploySurvivalTest {
  @Test
  void entrySurvivesRedeploy(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.backend.roster("alice", new JsonObject().put("bob@example.com", FakeRosterBackend.contact("Bob")));
    h.online("alice", "phone");
    RosterSnapshot before = await(h.get("alice"));
    h.undeployCache();
    h.deployCache();
    assertEquals(before, await(h.get("alice")));
    assertEquals(1, h.backend.requests("alice"));
  }
}
