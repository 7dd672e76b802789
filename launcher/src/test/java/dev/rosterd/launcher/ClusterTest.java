package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.WAIT_SECONDS;
import static dev.rosterd.launcher.FullStack.await;
import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.launcher.RosterDelegationTest.bare;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.config.ConfigReader;
import dev.rosterd.launcher.RosterDelegationTest.RosterEvents;
import dev.rosterd.c2s.C2sVerticle;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.RawXmppClient;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;

/**
 * Two rosterd nodes, each a clustered Vert.x (Hazelcast on 127.0.0.1, TCP/IP join, no multicast)
 * in this JVM, with every piece deployed on both and one web application behind them: they behave
 * as one server. A third node runs the c2s alone and is served by the others' pieces. Node death needs a process to kill and is in {@link ClusterIT}. Each test uses
 * users of its own, so the nodes are started once for the class.
 */
class ClusterTest {
  private static FakeRosterBackend backend;
  private static Vertx vertxA;
  private static Vertx vertxB;
  private static FullStack nodeA;
  private static FullStack nodeB;
  /** A third node running the c2s alone: auth, the cache and the fetcher are the others'. */
  private static Vertx vertxC;
  private static int c2sPortOfC;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    vertxA = await(ClusterJoin.vertx(cluster(new JsonArray())));
    vertxB = await(ClusterJoin.vertx(cluster(new JsonArray().add("127.0.0.1:" + hazelcastPort(vertxA)))));
    assertEquals(2, ((VertxInternal) vertxB).clusterManager().getNodes().size());
    backend = await(FakeRosterBackend.start(vertxA));
    nodeA = FullStack.start(vertxA, backend);
    nodeB = FullStack.start(vertxB, backend);
    vertxC = await(ClusterJoin.vertx(cluster(new JsonArray().add("127.0.0.1:" + hazelcastPort(vertxA)))));
    c2sPortOfC = c2sOnly(vertxC);
  }

  /** Deploys only the c2s section of the full stack's config; the port it listens on. */
  private static int c2sOnly(Vertx vertx) throws Exception {
    List<C2sVerticle> c2s = new CopyOnWriteArrayList<>();
    Piece<?> standard = PieceCatalog.standard().find("c2s").orElseThrow();
    PieceCatalog catalog = PieceCatalog.standard().replacing(keeping(standard, c2s));
    JsonObject config = new JsonObject()
        .put("domain", FullStack.DOMAIN)
        .put("c2s", FullStack.config(backend).getJsonObject("c2s"));
    List<Deployment> deployed = await(new RosterdNode(vertx).deployAll(RosterdConfig.read(config, catalog)));
    assertEquals(List.of("c2s"), deployed.stream().map(Deployment::name).toList());
    return c2s.get(0).actualPort();
  }

  private static <O> Piece<O> keeping(Piece<O> piece, List<C2sVerticle> made) {
    return new Piece<>(piece.section(), piece.options(), () -> {
      C2sVerticle v = new C2sVerticle();
      made.add(v);
      return v;
    }, piece.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {nodeA, nodeB}) {
      if (c != null) {
        c.close();
      }
    }
    for (Vertx v : new Vertx[] {vertxC, vertxB, vertxA}) {
      if (v != null) {
        v.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  /** A node of a cluster on 127.0.0.1, Hazelcast on a free port, joining {@code members}. */
  static ClusterOptions cluster(JsonArray members) {
    JsonObject section = new JsonObject()
        .put("name", "rosterd-test-" + ProcessHandle.current().pid())
        .put("port", 0)
        .put("members", members)
        .put("joinWaitSeconds", 1)
        .put("heartbeatSeconds", 1)
        .put("maxNoHeartbeatSeconds", 5);
    return new ClusterOptions(new ConfigReader(section, ClusterOptions.SECTION));
  }

  static int hazelcastPort(Vertx vertx) {
    HazelcastClusterManager manager = (HazelcastClusterManager) ((VertxInternal) vertx).clusterManager();
    return manager.getHazelcastInstance().getCluster().getLocalMember().getAddress().getPort();
  }

  @Test
  void aRefreshPostedToOneNodePushesToTheUsersSessionsOnBothAndCountsTheUserOnce() throws Exception {
    backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    RosterEvents onA = events(nodeA.login("alice", "phone"));
    RosterEvents onB = events(nodeB.login("alice", "laptop"));

    backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")).put(jid("carol"), contact("Carol")));
    HttpResponse<Buffer> reply = nodeB.refresh(new JsonArray().add("alice"));

    assertEquals(200, reply.statusCode());
    assertEquals(1, reply.bodyAsJsonObject().getInteger("updated"), reply.bodyAsString());
    onA.added("carol").get(WAIT_SECONDS, TimeUnit.SECONDS);
    onB.added("carol").get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void presenceAndMessagesFlowBetweenUsersOnDifferentNodes() throws Exception {
    backend.roster("bob", new JsonObject().put(jid("carol"), contact("Carol")));
    backend.roster("carol", new JsonObject().put(jid("bob"), contact("Bob")));
    XMPPTCPConnection bob = nodeA.login("bob", "desk");
    XMPPTCPConnection carol = nodeB.login("carol", "phone");
    Roster bobRoster = loaded(bob);
    Roster carolRoster = loaded(carol);
    CompletableFuture<Presence> bobSeesCarol = availableFrom(bobRoster, "carol");
    CompletableFuture<Presence> carolSeesBob = availableFrom(carolRoster, "bob");

    bob.sendStanza(available(bob));
    carol.sendStanza(available(carol));

    assertEquals(carol.getUser(), bobSeesCarol.get(WAIT_SECONDS, TimeUnit.SECONDS).getFrom());
    assertEquals(bob.getUser(), carolSeesBob.get(WAIT_SECONDS, TimeUnit.SECONDS).getFrom());
    try (StanzaCollector atCarol = messagesFrom(carol, bob); StanzaCollector atBob = messagesFrom(bob, carol)) {
      bob.sendStanza(chat(bob, jid("carol"), "to your bare JID, on the other node"));
      carol.sendStanza(chat(carol, bob.getUser().toString(), "to your full JID, on the other node"));
      Message toCarol = atCarol.nextResultOrThrow(WAIT_SECONDS * 1000);
      Message toBob = atBob.nextResultOrThrow(WAIT_SECONDS * 1000);
      assertEquals("to your bare JID, on the other node", toCarol.getBody());
      assertEquals("to your full JID, on the other node", toBob.getBody());
    }
  }

  /**
   * XEP-0198 across the cluster: a phone whose connection to node A dropped comes back through
   * node B and resumes its session, which stays on A; what was sent to it meanwhile arrives, and the
   * stream through B carries the session both ways.
   */
  @Test
  void aSessionDroppedOnOneNodeResumesThroughTheOther() throws Exception {
    backend.roster("zoë", new JsonObject().put(jid("alice"), contact("Alice")));
    String sm = "xmlns='urn:xmpp:sm:3'";
    RawXmppClient onA = RawXmppClient.connect(nodeA.c2sPort());
    onA.authenticate(FullStack.DOMAIN, "zoë", "zoë-pw");
    onA.bind("phone");
    onA.send("<enable " + sm + " resume='true'/>");
    String enabled = onA.expect("/>");
    int idAt = enabled.indexOf("id='") + 4;
    String id = enabled.substring(idAt, enabled.indexOf('\'', idAt));
    XMPPTCPConnection alice = nodeA.login("alice", "tunnel-test");
    alice.sendStanza(chat(alice, jid("zoë") + "/phone", "before the tunnel"));
    onA.expect("before the tunnel");
    onA.abort();
    alice.sendStanza(chat(alice, jid("zoë") + "/phone", "while in the tunnel"));

    RawXmppClient onB = RawXmppClient.connect(nodeB.c2sPort());
    onB.authenticate(FullStack.DOMAIN, "zoë", "zoë-pw");
    onB.send("<resume " + sm + " previd='" + id + "' h='0'/>");
    String resumed = onB.expect("while in the tunnel");
    assertTrue(resumed.contains("<resumed " + sm + " previd='" + id + "' h='0'/>"), resumed);
    assertTrue(resumed.indexOf("before the tunnel") < resumed.indexOf("while in the tunnel"), resumed);
    try (StanzaCollector atAlice = alice.createStanzaCollector(
        stanza -> stanza instanceof Message m && "out of the tunnel".equals(m.getBody()))) {
      onB.send("<message type='chat' to='" + alice.getUser() + "'><body>out of the tunnel</body></message>");
      Message answer = atAlice.nextResultOrThrow(WAIT_SECONDS * 1000);
      assertEquals(jid("zoë") + "/phone", answer.getFrom().toString());
    }
    onB.close();
  }

  @Test
  void twoNodesLoggingInTheSameUserAtOnceMakeOneBackendRequest() throws Exception {
    backend.roster("dave", new JsonObject().put(jid("alice"), contact("Alice")));
    backend.hold("dave");
    ExecutorService logins = Executors.newFixedThreadPool(2);
    try {
      // Each bind asks the cache for the roster before the client hears it is bound; with the
      // backend holding the first fetch, the other node's get meets it in flight.
      CompletableFuture<XMPPTCPConnection> onA = login(logins, nodeA, "dave", "phone");
      CompletableFuture<XMPPTCPConnection> onB = login(logins, nodeB, "dave", "laptop");
      XMPPTCPConnection daveA = onA.get(WAIT_SECONDS, TimeUnit.SECONDS);
      XMPPTCPConnection daveB = onB.get(WAIT_SECONDS, TimeUnit.SECONDS);
      backend.release("dave");

      for (XMPPTCPConnection dave : new XMPPTCPConnection[] {daveA, daveB}) {
        RosterEntry alice = loaded(dave).getEntry(bare("alice"));
        assertNotNull(alice, "the roster reached " + dave.getUser());
      }
      assertEquals(1, backend.requests("dave"));
    } finally {
      logins.shutdownNow();
    }
  }

  @Test
  void aNodeWithOnlyTheC2sServesWithThePiecesOfTheOthers() throws Exception {
    backend.roster("zoë", new JsonObject().put(jid("alice"), contact("Alice")));
    XMPPTCPConnection zoe = XmppClients.login(FullStack.DOMAIN, c2sPortOfC, "zoë", "zoë-pw", "SCRAM-SHA-1", "tablet");
    try {
      Roster roster = loaded(zoe);
      assertEquals(Set.of(bare("alice")), jidsOf(roster));
      RosterEvents events = new RosterEvents();
      roster.addRosterListener(events);

      backend.roster("zoë", new JsonObject().put(jid("alice"), contact("Alice")).put(jid("bob"), contact("Bob")));
      assertEquals(1, nodeA.refresh(new JsonArray().add("zoë")).bodyAsJsonObject().getInteger("updated"));
      events.added("bob").get(WAIT_SECONDS, TimeUnit.SECONDS);
    } finally {
      zoe.disconnect();
    }
  }

  private static CompletableFuture<XMPPTCPConnection> login(
      ExecutorService pool, FullStack node, String user, String resource) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return node.login(user, resource);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, pool);
  }

  private static RosterEvents events(XMPPTCPConnection c) throws Exception {
    RosterEvents events = new RosterEvents();
    loaded(c).addRosterListener(events);
    return events;
  }

  static Roster loaded(XMPPTCPConnection c) throws Exception {
    Roster roster = Roster.getInstanceFor(c);
    roster.reloadAndWait();
    return roster;
  }

  static Set<Jid> jidsOf(Roster roster) {
    return roster.getEntries().stream().map(RosterEntry::getJid).collect(Collectors.toSet());
  }

  static Presence available(XMPPTCPConnection c) {
    return c.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build();
  }

  static Message chat(XMPPTCPConnection from, String to, String body) throws Exception {
    return from.getStanzaFactory().buildMessageStanza()
        .to(to)
        .ofType(Message.Type.chat)
        .setBody(body)
        .build();
  }

  static StanzaCollector messagesFrom(XMPPTCPConnection to, XMPPTCPConnection from) {
    return to.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createFull(from.getUser())));
  }

  static CompletableFuture<Presence> availableFrom(Roster roster, String user) {
    CompletableFuture<Presence> seen = new CompletableFuture<>();
    roster.addRosterListener(new RosterEvents() {
      @Override
      public void presenceChanged(Presence presence) {
        if (presence.isAvailable() && presence.getFrom().asBareJid().equals(bare(user))) {
          seen.complete(presence);
        }
      }
    });
    // Presence that arrived before the listener is in the roster already.
    Presence now = roster.getPresence(bare(user));
    if (now.isAvailable()) {
      seen.complete(now);
    }
    return seen;
  }
}
