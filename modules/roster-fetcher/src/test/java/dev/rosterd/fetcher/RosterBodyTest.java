package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.common.roster.RosterItem;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the web application's JSON becomes: names, both forms of groups, bad entries skipped. */
@ExtendWith(VertxExtension.class)
class RosterBodyTest {
  private FetcherHarness h;

  @BeforeEach
  void start(Vertx vertx) {
    h = FetcherHarness.start(vertx, new JsonObject());
  }

  @Test
  void namesAndGroupsInBothForms() {
    h.backend.roster("alice", new JsonObject()
        .put("Marie@Example.com", new JsonObject().put("name", "Marie")
            .put("groups", new JsonArray().add("Friends").add("Work").add("Friends")))
        .put("michael@example.com", new JsonObject()
            .put("groups", new JsonObject().put("Family", true).put("Chess", new JsonObject())))
        .put("gateway.example.com", new JsonObject()));
    List<RosterItem> items = FetcherHarness.await(h.fetch("alice")).items();
    assertEquals(
        List.of(
            new RosterItem("marie@example.com", "Marie", List.of("Friends", "Work")),
            new RosterItem("michael@example.com", null, List.of("Family", "Chess")),
            new RosterItem("gateway.example.com", null, List.of())),
        items);
  }

  @Test
  void invalidEntriesAreSkippedAndTheRestKept() {
    h.backend.roster("alice", new JsonObject()
        .put("good@example.com", new JsonObject().put("name", "Good"))
        .put("not a jid@", new JsonObject())
        .put("full@example.com/phone", new JsonObject())
        .put("string@example.com", "Bob")
        .put("badname@example.com", new JsonObject().put("name", 42))
        .put("badgroups@example.com", new JsonObject().put("groups", "Friends"))
        .put("badgroup@example.com", new JsonObject().put("groups", new JsonArray().add(1)))
        .put("GOOD@example.com", new JsonObject().put("name", "Duplicate")));
    assertEquals(
        List.of(new RosterItem("good@example.com", "Good", List.of())),
        FetcherHarness.await(h.fetch("alice")).items());
  }

  /**
   * Names and groups reach clients inside XML 1.0, which has no way to write control characters,
   * U+FFFE/U+FFFF or a lone surrogate: they are removed, and a JID holding one is skipped.
   */
  @Test
  void charactersXmlForbidsAreRemoved() {
    h.backend.respond("alice", new FakeRosterBackend.Response(200, "application/json", """
        {"bob@example.com": {"name": "Bob\\u0001\\u0000\\u001b", "groups": ["Fri\\uFFFEends", "\\u0007", "Tab\\tOK"]},
         "carol@example.com": {"name": "\\uD800Carol\\uDFFF \\uD83D\\uDE00"},
         "dan@example.com": {"name": "\\uFFFF"},
         "ctl\\u0001@example.com": {"name": "Ctl"},
         "eve@exa\\u0000mple.com": {"name": "Eve"},
         "frank@exa\\uFFFEmple.com": {"name": "Frank"},
         "gina@\\uD800example.com": {"name": "Gina"}}
        """));
    assertEquals(
        List.of(
            new RosterItem("bob@example.com", "Bob", List.of("Friends", "Tab\tOK")),
            new RosterItem("carol@example.com", "Carol \uD83D\uDE00", List.of()),
            new RosterItem("dan@example.com", null, List.of())),
        FetcherHarness.await(h.fetch("alice")).items());
  }

  @Test
  void emptyObjectIsAnEmptyRoster() {
    assertEquals(List.of(), FetcherHarness.await(h.fetch("nobody")).items());
  }
}
