package dev.rosterd.cache;

import static dev.rosterd.cache.CacheHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Versions (XEP-0237) follow content: equal rosters, equal versions; any change, a new one. */
@ExtendWith(VertxExtension.class)
class RosterVersionTest {
  @Test
  void equalContentEqualVersion(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.backend.roster("alice", new JsonObject()
        .put("bob@example.com", FakeRosterBackend.contact("Bob", "Friends", "Work"))
        .put("carol@example.com", FakeRosterBackend.contact(null)));
    h.backend.roster("dave", new JsonObject()
        .put("carol@example.com", new JsonObject())
        .put("bob@example.com", FakeRosterBackend.contact("Bob", "Work", "Friends")));
    h.online("alice", "phone");
    h.online("dave", "phone");
    String alice = await(h.get("alice")).version();
    assertEquals(alice, await(h.get("dave")).version());

    await(h.refresh("alice"));
    assertEquals(alice, await(h.get("alice")).version(), "an unchanged roster keeps its version");

    h.backend.roster("alice", new JsonObject().put("bob@example.com", FakeRosterBackend.contact("Robert")));
    await(h.refresh("alice"));
    assertNotEquals(alice, await(h.get("alice")).version());
  }
}
