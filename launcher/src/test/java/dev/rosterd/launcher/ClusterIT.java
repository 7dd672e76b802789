package dev.rosterd.launcher;

import static dev.rosterd.launcher.ClusterTest.available;
import static dev.rosterd.launcher.ClusterTest.availableFrom;
import static dev.rosterd.launcher.ClusterTest.chat;
import static dev.rosterd.launcher.ClusterTest.jidsOf;
import static dev.rosterd.launcher.ClusterTest.loaded;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rosterd.launcher.RosterDelegationTest.RosterEvents;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.TestTls;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaIdFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Two nodes of a cluster, each the built jar in a process of its own on 127.0.0.1, one of them
 * killed (SIGKILL, no goodbye) and started again: the survivor keeps serving, the dead node's user
 * leaves routing and its contacts see it go, a refresh while the node is down still reaches the
 * survivor's users, and a user logging in again on the restarted node gets the current roster.
 * Then the restarted node is stopped (SIGTERM) as in a rolling restart, and the survivor serves on.
 */
@ExtendWith(VertxExtension.class)
class ClusterIT {
  /** The full-stack tests' domain, so that their roster and presence helpers apply. */
  private static final String DOMAIN = FullStack.DOMAIN;
  private static final Pattern HAZELCAST_PORT =
      Pattern.compile("cluster \\S+: node \\S+ on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern C2S_PORT =
      Pattern.compile("c2s for rosterd\\.test listening on 127\\.0\\.0\\.1:(\\d+) \\(STARTTLS\\)");
  private static final Pattern ADMIN_PORT = Pattern.compile("admin HTTP listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final long WAIT = RosterdProcess.WAIT.toSeconds();

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void theSurvivorOfAKilledNodeServesOnAndTheRestartedNodeGetsCurrentRosters(Vertx vertx) throws Exception {
    FakeRosterBackend backend = FakeRosterBackend.start(vertx).await(WAIT, TimeUnit.SECONDS);
    open.add(() -> backend.close().await(WAIT, TimeUnit.SECONDS));
    backend.roster("alice", new JsonObject().put("bob@" + DOMAIN, contact("Bob")));
    backend.roster("bob", new JsonObject().put("alice@" + DOMAIN, contact("Alice")));

    RosterdProcess a = node("a", backend, new JsonArray());
    int hazelcastA = a.loggedPort(HAZELCAST_PORT);
    int c2sA = a.loggedPort(C2S_PORT);
    int adminA = a.loggedPort(ADMIN_PORT);
    RosterdProcess b = node("b", backend, new JsonArray().add("127.0.0.1:" + hazelcastA));
    // B's share of the data has its backup on A once the join's migrations are done.
    a.awaitLine("cluster data rebalanced over 2 members");

    XMPPTCPConnection alice = client(c2sA, "alice", "phone");
    XMPPTCPConnection bob = client(b.loggedPort(C2S_PORT), "bob", "laptop");
    Roster aliceRoster = loaded(alice);
    Roster bobRoster = loaded(bob);
    var aliceSeesBob = availableFrom(aliceRoster, "bob");
    var bobSeesAlice = availableFrom(bobRoster, "alice");
    alice.sendStanza(available(alice));
    bob.sendStanza(available(bob));
    aliceSeesBob.get(WAIT, TimeUnit.SECONDS);
    bobSeesAlice.get(WAIT, TimeUnit.SECONDS);
    int bobFetches = backend.requests("bob");

    // Killed: no stream is closed, no presence sent, no session leaves the directory by itself.
    try (StanzaCollector bobGone = alice.createStanzaCollector(new AndFilter(
        StanzaTypeFilter.PRESENCE,
        FromMatchesFilter.createFull(bob.getUser()),
        s -> ((Presence) s).getType() == Presence.Type.unavailable))) {
      b.close();
      assertNotNull(bobGone.nextResult(WAIT * 1000), () -> "alice did not hear that bob went away with his node:\n" + a.stderr());
    }
    assertEquals(
        StanzaError.Condition.service_unavailable, bounce(alice, bob.getUser().toString()),
        "bob's full JID left routing");
    assertEquals(StanzaError.Condition.service_unavailable, bounce(alice, "bob@" + DOMAIN));

    // The dead node's user has no session left, so his cached roster went: a refresh finds him offline.
    JsonObject bobRefreshed = refresh(vertx, adminA, "bob");
    assertEquals(1, bobRefreshed.getInteger("updated"), bobRefreshed.encode());
    assertEquals(bobFetches, backend.requests("bob"), "an offline user is not fetched");

    // While B is down, a refresh reaches alice on A.
    RosterEvents aliceEvents = new RosterEvents();
    aliceRoster.addRosterListener(aliceEvents);
    backend.roster("alice", new JsonObject().put("bob@" + DOMAIN, contact("Bob")).put("carol@" + DOMAIN, contact("Carol")));
    backend.roster("bob", new JsonObject().put("alice@" + DOMAIN, contact("Alice")).put("carol@" + DOMAIN, contact("Carol")));
    JsonObject refreshed = refresh(vertx, adminA, "alice", "bob");
    assertEquals(0, refreshed.getInteger("errors"), refreshed.encode());
    assertEquals(2, refreshed.getInteger("updated"), refreshed.encode());
    aliceEvents.added("carol").get(WAIT, TimeUnit.SECONDS);

    // B again: bob logs in there and has the roster as it is now.
    RosterdProcess again = node("b2", backend, new JsonArray().add("127.0.0.1:" + hazelcastA));
    XMPPTCPConnection bobAgain = client(again.loggedPort(C2S_PORT), "bob", "laptop");
    assertEquals(
        Set.of(JidCreate.entityBareFrom("alice@" + DOMAIN), JidCreate.entityBareFrom("carol@" + DOMAIN)),
        jidsOf(loaded(bobAgain)));
    var aliceSeesBobAgain = availableFrom(aliceRoster, "bob");
    bobAgain.sendStanza(available(bobAgain));
    assertEquals(bobAgain.getUser(), aliceSeesBobAgain.get(WAIT, TimeUnit.SECONDS).getFrom());

    // A stop, as in a rolling restart: B says goodbye itself and A serves on.
    try (StanzaCollector bobLeaves = alice.createStanzaCollector(new AndFilter(
        StanzaTypeFilter.PRESENCE,
        FromMatchesFilter.createFull(bobAgain.getUser()),
        s -> ((Presence) s).getType() == Presence.Type.unavailable))) {
      again.terminate();
      assertEquals(0, again.exitCode(), again.stderr());
      assertNotNull(bobLeaves.nextResult(WAIT * 1000), "alice heard that bob left with the stopped node");
    }
    backend.roster("alice", new JsonObject().put("carol@" + DOMAIN, contact("Carol")));
    assertEquals(1, refresh(vertx, adminA, "alice").getInteger("updated"));
    aliceEvents.deleted("bob").get(WAIT, TimeUnit.SECONDS);
  }

  /** Sends a chat message to {@code to} and returns the condition of the error it bounced with. */
  private static StanzaError.Condition bounce(XMPPTCPConnection from, String to) throws Exception {
    Message message = chat(from, to, "anyone there?");
    try (StanzaCollector answer = from.createStanzaCollector(new StanzaIdFilter(message.getStanzaId()))) {
      from.sendStanza(message);
      Stanza error = answer.nextResult(WAIT * 1000);
      assertNotNull(error, "no error came back for a message to " + to);
      assertNotNull(error.getError(), "not an error: " + error.toXML());
      return error.getError().getCondition();
    }
  }

  private RosterdProcess node(String name, FakeRosterBackend backend, JsonArray members) throws Exception {
    Path home = Files.createDirectories(dir.resolve(name));
    RosterdProcess p = RosterdProcess.start(home, config(backend, members));
    open.add(p);
    p.awaitLine("rosterd started");
    return p;
  }

  private XMPPTCPConnection client(int port, String user, String resource) throws Exception {
    XMPPTCPConnection c = XmppClients.login(DOMAIN, port, user, user + "-secret", "SCRAM-SHA-1", resource);
    open.add(c::disconnect);
    return c;
  }

  private static JsonObject refresh(Vertx vertx, int adminPort, String... users) throws Exception {
    WebClient web = WebClient.create(vertx);
    try {
      return web.post(adminPort, "127.0.0.1", "/roster_admin/refresh")
          .sendJson(new JsonArray(List.of((Object[]) users)))
          .await(WAIT, TimeUnit.SECONDS)
          .bodyAsJsonObject();
    } finally {
      web.close();
    }
  }

  /** Every piece on the node, listeners and Hazelcast on free ports of 127.0.0.1. */
  private static JsonObject config(FakeRosterBackend backend, JsonArray members) {
    return new JsonObject()
        .put("domain", DOMAIN)
        .put("watchConfigMs", 0)
        .put("cluster", new JsonObject()
            .put("name", "rosterd-it-" + ProcessHandle.current().pid())
            .put("host", "127.0.0.1")
            .put("port", 0)
            .put("members", members)
            .put("joinWaitSeconds", 1)
            .put("heartbeatSeconds", 1)
            .put("maxNoHeartbeatSeconds", 5))
        .put("auth", new JsonObject()
            .put("provider", "static")
            .put("users", new JsonObject().put("alice", "alice-secret").put("bob", "bob-secret")))
        .put("rosterFetcher", new JsonObject().put("http_roster_url", backend.rosterUrl()))
        .put("rosterCache", new JsonObject())
        .put("subscriptionBlocking", new JsonObject())
        .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("c2s", new JsonObject()
            .put("host", "127.0.0.1")
            .put("port", 0)
            .put("tls", new JsonObject()
                .put("certPath", TestTls.certPath().toString())
                .put("keyPath", TestTls.keyPath().toString())));
  }
}
