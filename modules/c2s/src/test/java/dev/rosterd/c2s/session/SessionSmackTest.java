package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.EmptyResultIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The session layer as real clients see it: Smack over STARTTLS against the C2sVerticle, the real
 * auth piece, and a stand-in for the roster cache on the event bus.
 */
@ExtendWith(VertxExtension.class)
class SessionSmackTest {
  private static final long WAIT = XmppClients.REPLY_TIMEOUT.toMillis();

  private final SmackServer server = new SmackServer();
  private final List<XMPPTCPConnection> clients = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.cache.roster("alice", "alice-1",
        item("bob@rosterd.test", "Bob", "Friends", "Work"),
        item("carol@rosterd.test", null));
    server.cache.roster("bob", "bob-1", item("alice@rosterd.test", "Alice"));
  }

  @AfterEach
  void stop() {
    clients.forEach(XMPPTCPConnection::disconnect);
  }

  private XMPPTCPConnection login(String user, String resource) throws Exception {
    XMPPTCPConnection c = server.login(user, resource);
    clients.add(c);
    return c;
  }

  private static Jid jid(String s) throws Exception {
    return JidCreate.from(s);
  }

  private static Message chat(String to, String body) throws Exception {
    return StanzaBuilder.buildMessage().to(jid(to)).ofType(Message.Type.chat).setBody(body).build();
  }

  private static StanzaCollector messagesFrom(XMPPTCPConnection c, String from) throws Exception {
    return c.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createFull(jid(from))));
  }

  /** The next stanza a collector got, waiting up to the reply timeout; the collector stays open. */
  @SuppressWarnings("unchecked")
  private static <S extends Stanza> S next(StanzaCollector collector) throws InterruptedException {
    Stanza s = collector.nextResult(WAIT);
    assertNotNull(s, "nothing arrived within " + WAIT + " ms");
    return (S) s;
  }

  private static Presence available(int priority) {
    return StanzaBuilder.buildPresence().ofType(Presence.Type.available).setPriority(priority).build();
  }

  @Test
  void twoUsersExchangeMessagesBothWays() throws Exception {
    XMPPTCPConnection alice = login("alice", "a");
    XMPPTCPConnection bob = login("bob", "b");
    StanzaCollector atBob = messagesFrom(bob, "alice@rosterd.test/a");
    StanzaCollector atAlice = messagesFrom(alice, "bob@rosterd.test/b");

    alice.sendStanza(chat("bob@rosterd.test/b", "hello bob"));
    assertEquals("hello bob", ((Message) next(atBob)).getBody());
    bob.sendStanza(chat("alice@rosterd.test/a", "hello alice"));
    assertEquals("hello alice", ((Message) next(atAlice)).getBody());
  }

  @Test
  void aMessageToAnOfflineUserReturnsServiceUnavailable() throws Exception {
    XMPPTCPConnection alice = login("alice", "a");
    StanzaCollector errors = alice.createStanzaCollector(MessageTypeFilter.ERROR);

    alice.sendStanza(chat("carol@rosterd.test", "are you there?"));
    Message error = next(errors);
    assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
    assertEquals("carol@rosterd.test", error.getFrom().toString());
  }

  @Test
  void aBareJidMessageGoesToTheHighestPriorityResource() throws Exception {
    XMPPTCPConnection low = login("alice", "low");
    XMPPTCPConnection high = login("alice", "high");
    XMPPTCPConnection bob = login("bob", "b");
    StanzaCollector ownLow = low.createStanzaCollector(FromMatchesFilter.createFull(jid("alice@rosterd.test/high")));
    low.sendStanza(available(1));
    high.sendStanza(available(5));
    // low hears high's presence only once high is recorded as available with priority 5.
    assertInstanceOf(Presence.class, next(ownLow));
    StanzaCollector atHigh = messagesFrom(high, "bob@rosterd.test/b");
    StanzaCollector atLow = messagesFrom(low, "bob@rosterd.test/b");

    bob.sendStanza(chat("alice@rosterd.test", "to the bare JID"));
    bob.sendStanza(chat("alice@rosterd.test/low", "to low"));

    assertEquals("to the bare JID", ((Message) next(atHigh)).getBody());
    assertEquals("to low", ((Message) next(atLow)).getBody(), "low got only its own message");
  }

  @Test
  void smacksVersionRequestIsAnsweredAndAnUnknownIqIsServiceUnavailable() throws Exception {
    XMPPTCPConnection alice = login("alice", "a");
    Version version = VersionManager.getInstanceFor(alice).getVersion(JidCreate.from("rosterd.test"));
    assertEquals("rosterd", version.getName());
    assertTrue(version.getOs() == null, "no operating system told");

    Registration register = new Registration();
    register.setTo(JidCreate.from("rosterd.test"));
    XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class,
        () -> alice.createStanzaCollectorAndSend(register).nextResultOrThrow());
    assertEquals(StanzaError.Condition.service_unavailable, e.getStanzaError().getCondition());
  }

  @Test
  void discoInfoAndPingAreAnswered() throws Exception {
    XMPPTCPConnection alice = login("alice", "a");

    DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice).discoverInfo(jid("rosterd.test"));
    assertTrue(info.hasIdentity("server", "im"));
    assertTrue(info.containsFeature("http://jabber.org/protocol/disco#info"));
    assertTrue(info.containsFeature("urn:xmpp:ping"));
    assertTrue(PingManager.getInstanceFor(alice).pingMyServer(true, WAIT));
  }

  @Test
  void theRosterHoldsTheCachedItemsWithSubscriptionBoth() throws Exception {
    XMPPTCPConnection alice = login("alice", "a");
    Roster roster = Roster.getInstanceFor(alice);
    roster.reloadAndWait();

    RosterEntry bob = roster.getEntry(jid("bob@rosterd.test").asBareJid());
    assertNotNull(bob);
    assertEquals("Bob", bob.getName());
    assertEquals(RosterPacket.ItemType.both, bob.getType());
    assertEquals(Set.of("Friends", "Work"),
        bob.getGroups().stream().map(RosterGroup::getName).collect(Collectors.toSet()));
    RosterEntry carol = roster.getEntry(jid("carol@rosterd.test").asBareJid());
    assertNotNull(carol);
    assertEquals(RosterPacket.ItemType.both, carol.getType());
    assertEquals(2, roster.getEntries().size());
  }

  @Test
  void aRosterGetCarriesTheVersionAndTheCurrentVersionGetsAnEmptyResult() throws Exception {
    XMPPTCPConnection alice = login("alice", "a");

    RosterPacket get = new RosterPacket();
    get.setType(IQ.Type.get);
    IQ full = alice.createStanzaCollectorAndSend(get).nextResultOrThrow();
    assertEquals("alice-1", ((RosterPacket) full).getVersion());
    assertEquals(2, ((RosterPacket) full).getRosterItemCount());

    RosterPacket current = new RosterPacket();
    current.setType(IQ.Type.get);
    current.setVersion("alice-1");
    IQ empty = alice.createStanzaCollectorAndSend(current).nextResultOrThrow();
    assertInstanceOf(EmptyResultIQ.class, empty);
  }

  @Test
  void aRosterSetIsRejectedWithServiceUnavailable() throws Exception {
    XMPPTCPConnection alice = login("alice", "a");
    RosterPacket set = new RosterPacket();
    set.setType(IQ.Type.set);
    set.addRosterItem(new RosterPacket.Item(jid("eve@rosterd.test").asBareJid(), "Eve"));

    XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class,
        () -> alice.createStanzaCollectorAndSend(set).nextResultOrThrow());
    assertEquals(StanzaError.Condition.service_unavailable, e.getStanzaError().getCondition());
    assertEquals(StanzaError.Type.CANCEL, e.getStanzaError().getType());
    Roster roster = Roster.getInstanceFor(alice);
    roster.reloadAndWait();
    assertEquals(2, roster.getEntries().size(), "the roster is unchanged");
    assertEquals(null, roster.getEntry(jid("eve@rosterd.test").asBareJid()));
  }

  @Test
  void aFailedRosterLoadIsAWaitErrorAndTheStreamStaysOpen() throws Exception {
    server.cache.failing("carol");
    XMPPTCPConnection carol = login("carol", "c");
    RosterPacket get = new RosterPacket();
    get.setType(IQ.Type.get);

    XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class,
        () -> carol.createStanzaCollectorAndSend(get).nextResultOrThrow());
    assertEquals(StanzaError.Condition.internal_server_error, e.getStanzaError().getCondition());
    assertEquals(StanzaError.Type.WAIT, e.getStanzaError().getType());

    server.cache.roster("carol", "carol-1", item("alice@rosterd.test", "Alice"));
    RosterPacket again = new RosterPacket();
    again.setType(IQ.Type.get);
    RosterPacket roster = carol.createStanzaCollectorAndSend(again).nextResultOrThrow();
    assertEquals(1, roster.getRosterItemCount());
    assertTrue(carol.isConnected());
  }

  @Test
  void presenceFlowsBetweenContactsOnlineAndOffline() throws Exception {
    XMPPTCPConnection bob = login("bob", "b");
    StanzaCollector fromAlice = bob.createStanzaCollector(
        new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createFull(jid("alice@rosterd.test/a"))));
    StanzaCollector ownEcho = bob.createStanzaCollector(
        new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createFull(jid("bob@rosterd.test/b"))));
    bob.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.available).setStatus("building").build());
    next(ownEcho); // bob's own presence came back: he is recorded as available

    XMPPTCPConnection alice = login("alice", "a");
    StanzaCollector fromBob = alice.createStanzaCollector(
        new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createFull(jid("bob@rosterd.test/b"))));
    alice.sendStanza(StanzaBuilder.buildPresence().ofType(Presence.Type.available).setStatus("reading").build());

    Presence aliceOnline = next(fromAlice);
    assertEquals(Presence.Type.available, aliceOnline.getType());
    assertEquals("reading", aliceOnline.getStatus());
    Presence bobSeen = next(fromBob);
    assertEquals("building", bobSeen.getStatus());

    alice.disconnect();
    Presence aliceGone = next(fromAlice);
    assertEquals(Presence.Type.unavailable, aliceGone.getType());
  }

  @Test
  void subscriptionPresenceReachesNobodyBareOrFull() throws Exception {
    XMPPTCPConnection alice = login("alice", "a");
    XMPPTCPConnection bob = login("bob", "b");
    StanzaCollector atBob = bob.createStanzaCollector(FromMatchesFilter.createBare(jid("alice@rosterd.test")));

    for (Presence.Type type : List.of(Presence.Type.subscribe, Presence.Type.subscribed,
        Presence.Type.unsubscribe, Presence.Type.unsubscribed)) {
      for (String to : List.of("bob@rosterd.test", "bob@rosterd.test/b")) {
        alice.sendStanza(StanzaBuilder.buildPresence().ofType(type).to(jid(to)).build());
      }
    }
    alice.sendStanza(chat("bob@rosterd.test/b", "sentinel"));

    Stanza first = next(atBob);
    assertInstanceOf(Message.class, first, "the first thing bob got from alice: " + first);
    assertEquals("sentinel", ((Message) first).getBody());
  }

  @Test
  void aConflictingResourceKicksTheOlderSession() throws Exception {
    XMPPTCPConnection older = login("alice", "phone");
    CompletableFuture<Exception> closed = new CompletableFuture<>();
    older.addConnectionListener(new ConnectionListener() {
      @Override
      public void connectionClosedOnError(Exception e) {
        closed.complete(e);
      }
    });

    XMPPTCPConnection newer = login("alice", "phone");

    Exception e = closed.get(WAIT, TimeUnit.MILLISECONDS);
    XMPPException.StreamErrorException streamError = assertInstanceOf(XMPPException.StreamErrorException.class, e);
    assertEquals(StreamError.Condition.conflict, streamError.getStreamError().getCondition());
    assertTrue(newer.isAuthenticated());
    assertTrue(PingManager.getInstanceFor(newer).pingMyServer(true, WAIT));
  }

  @Test
  void aRosterPushReachesBothResourcesOfAUser(Vertx vertx) throws Exception {
    List<CompletableFuture<Collection<Jid>>> added = new ArrayList<>();
    Jid pushed = jid("dave@rosterd.test");
    for (String resource : List.of("phone", "desk")) {
      XMPPTCPConnection c = login("alice", resource);
      Roster roster = Roster.getInstanceFor(c);
      roster.reloadAndWait();
      CompletableFuture<Collection<Jid>> seen = new CompletableFuture<>();
      roster.addRosterListener(new AbstractRosterListener() {
        @Override
        public void entriesAdded(Collection<Jid> addresses) {
          // Smack's own login-time roster load may still report its entries after
          // reloadAndWait(); only the pushed contact counts.
          if (addresses.contains(pushed)) {
            seen.complete(addresses);
          }
        }
      });
      added.add(seen);
    }

    var push = new SessionMessage.RosterChanged("alice-2",
        List.of(new RosterChange(RosterChange.Kind.ADDED, item("dave@rosterd.test", "Dave", "Friends")))).toJson();
    var online = new SessionDirectory(vertx).sessions("alice@rosterd.test")
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(Set.of("phone", "desk"), online.keySet());
    online.values().forEach(entry -> SessionAddressing.send(vertx, entry.address(), push));

    for (CompletableFuture<Collection<Jid>> seen : added) {
      assertEquals(List.of(jid("dave@rosterd.test")), List.copyOf(seen.get(WAIT, TimeUnit.MILLISECONDS)));
    }
    for (XMPPTCPConnection c : clients) {
      RosterEntry dave = Roster.getInstanceFor(c).getEntry(jid("dave@rosterd.test").asBareJid());
      assertEquals("Dave", dave.getName());
      assertFalse(dave.getGroups().isEmpty());
    }
  }
}
