package dev.rosterd.cache;

import static dev.rosterd.cache.CacheHarness.await;
import static dev.rosterd.cache.CacheHarness.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.RefreshOutcome;
import dev.rosterd.common.bus.RefreshOutcome.Outcome;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.roster.RosterChange.Kind;
import dev.rosterd.common.roster.RosterItem;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A refresh diffs the new roster against the cached one and pushes the changes to every session. */
@ExtendWith(VertxExtension.class)
class RefreshDiffTest {
  @Test
  void addRemoveChangeReachBothResources(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.backend.roster("alice", new JsonObject()
        .put("bob@example.com", FakeRosterBackend.contact("Bob", "Friends"))
        .put("carol@example.com", FakeRosterBackend.contact("Carol"))
        .put("erin@example.com", FakeRosterBackend.contact("Erin", "A", "B")));
    BlockingQueue<JsonObject> phone = h.online("alice", "phone");
    BlockingQueue<JsonObject> laptop = h.online("alice", "laptop");
    await(h.get("alice"));

    h.backend.roster("alice", new JsonObject()
        .put("bob@example.com", FakeRosterBackend.contact("Bobby", "Friends"))
        .put("dave@example.com", FakeRosterBackend.contact("Dave", "Work"))
        .put("erin@example.com", FakeRosterBackend.contact("Erin", "B", "A")));
    RefreshOutcome outcome = await(h.refresh("alice"));

    assertEquals(new RefreshOutcome(Outcome.UPDATED, 3), outcome);
    List<RosterChange> expected = List.of(
        new RosterChange(Kind.CHANGED, new RosterItem("bob@example.com", "Bobby", List.of("Friends"))),
        new RosterChange(Kind.ADDED, new RosterItem("dave@example.com", "Dave", List.of("Work"))),
        new RosterChange(Kind.REMOVED, new RosterItem("carol@example.com", "Carol", List.of())));
    String version = await(h.get("alice")).version();
    for (BlockingQueue<JsonObject> session : List.of(phone, laptop)) {
      JsonObject push = next(session);
      assertInstanceOf(SessionMessage.RosterChanged.class, SessionMessage.fromJson(push));
      assertEquals(version, push.getString("version"));
      assertEquals(expected, SessionMessage.RosterChanged.fromJson(push).changes());
    }
  }

  @Test
  void noChangeNoPush(Vertx vertx) {
    CacheHarness h = CacheHarness.start(vertx);
    h.backend.roster("alice", new JsonObject().put("bob@example.com", FakeRosterBackend.contact("Bob")));
    BlockingQueue<JsonObject> phone = h.online("alice", "phone");
    await(h.get("alice"));
    assertEquals(new RefreshOutcome(Outcome.UPDATED, 0), await(h.refresh("alice")));
    h.backend.roster("alice", new JsonObject());
    assertEquals(new RefreshOutcome(Outcome.UPDATED, 1), await(h.refresh("alice")));
    // The first message at the session is the removal: the unchanged refresh sent nothing.
    assertEquals(Kind.REMOVED, SessionMessage.RosterChanged.fromJson(next(phone)).changes().get(0).kind());
    assertTrue(phone.isEmpty());
  }
}
