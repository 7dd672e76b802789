package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.WAIT_SECONDS;
import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Issue 3 end to end, with every piece deployed together in one Vert.x and real Smack clients: the
 * roster comes from the web application, refreshes reach the clients as pushes, presence flows
 * between contacts, and nobody can subscribe to anyone.
 */
@ExtendWith(VertxExtension.class)
class RosterDelegationTest {
  private FullStack stack;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    stack = FullStack.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void theRosterAfterLoginIsTheWebApplications() throws Exception {
    stack.backend.roster(
        "alice",
        new JsonObject()
            .put(jid("bob"), contact("Bob", "Friends", "Work"))
            .put(jid("carol"), contact(null)));
    Roster roster = loadedRoster(stack.login("alice", "phone"));

    assertEquals(Set.of(bare("bob"), bare("carol")), jidsOf(roster.getEntries()));
    RosterEntry bob = roster.getEntry(bare("bob"));
    assertEquals("Bob", bob.getName());
    assertEquals(Set.of("Friends", "Work"), groupsOf(bob));
    assertEquals(ItemType.both, bob.getType());
    RosterEntry carol = roster.getEntry(bare("carol"));
    assertNull(carol.getName());
    assertEquals(Set.of(), groupsOf(carol));
    assertEquals(ItemType.both, carol.getType());
  }

  @Test
  void aUsernameThatNeedsEncodingIsPercentEncodedInTheRosterUrl() throws Exception {
    stack.backend.roster("zoë", new JsonObject().put(jid("bob"), contact("Bob")));
    Roster roster = loadedRoster(stack.login("zoë", "phone"));

    assertEquals(Set.of(bare("bob")), jidsOf(roster.getEntries()));
    assertTrue(stack.backend.rawUris().contains("/roster/zo%C3%AB"), stack.backend.rawUris().toString());
  }

  /**
   * The usernames {@code .} and {@code ..} reach the web application as {@code %2E} and {@code
   * %2E%2E}, never as the dot segments URL resolution reads as a folder and its parent, both at
   * login and when a refresh names them.
   */
  @Test
  void dotUsernamesAreNeverDotSegments() throws Exception {
    for (String user : List.of(".", "..")) {
      stack.backend.roster(user, new JsonObject().put(jid("bob"), contact("Bob")));
      assertEquals(Set.of(bare("bob")), jidsOf(loadedRoster(stack.login(user, "phone")).getEntries()));
    }
    assertEquals(200, stack.refresh(new JsonArray().add(".").add("..")).statusCode());

    List<String> uris = stack.backend.rawUris();
    assertEquals(2, uris.stream().filter("/roster/%2E"::equals).count(), uris.toString());
    assertEquals(2, uris.stream().filter("/roster/%2E%2E"::equals).count(), uris.toString());
    assertTrue(uris.stream().noneMatch(u -> u.equals("/roster/.") || u.equals("/roster/..") || u.equals("/roster/")),
        uris.toString());
  }

  @Test
  void aRefreshPushesAdditionsRemovalsAndRenames() throws Exception {
    stack.backend.roster(
        "alice",
        new JsonObject().put(jid("bob"), contact("Bob", "Friends")).put(jid("carol"), contact("Carol")));
    Roster roster = loadedRoster(stack.login("alice", "phone"));
    RosterEvents events = new RosterEvents();
    roster.addRosterListener(events);

    stack.backend.roster(
        "alice",
        new JsonObject()
            .put(jid("bob"), contact("Bobby", "Friends", "Work"))
            .put(jid("dave"), contact("Dave")));
    HttpResponse<Buffer> reply = stack.refresh(new JsonArray().add("alice"));

    assertEquals(200, reply.statusCode());
    assertEquals(
        new JsonObject()
            .put("status", "ok")
            .put("message", "roster update complete")
            .put("updated", 1)
            .put("errors", 0),
        reply.bodyAsJsonObject());
    events.added("dave").get(WAIT_SECONDS, TimeUnit.SECONDS);
    events.deleted("carol").get(WAIT_SECONDS, TimeUnit.SECONDS);
    events.updated("bob").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(Set.of(bare("bob"), bare("dave")), jidsOf(roster.getEntries()));
    assertEquals("Bobby", roster.getEntry(bare("bob")).getName());
    assertEquals(Set.of("Friends", "Work"), groupsOf(roster.getEntry(bare("bob"))));
    assertEquals("Dave", roster.getEntry(bare("dave")).getName());
  }

  @Test
  void contactsSeeEachOthersPresence() throws Exception {
    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    stack.backend.roster("bob", new JsonObject().put(jid("alice"), contact("Alice")));
    XMPPTCPConnection alice = stack.login("alice", "phone");
    XMPPTCPConnection bob = stack.login("bob", "laptop");
    Roster aliceRoster = loadedRoster(alice);
    Roster bobRoster = loadedRoster(bob);
    CompletableFuture<Presence> aliceSeesBob = availableFrom(aliceRoster, "bob");
    CompletableFuture<Presence> bobSeesAlice = availableFrom(bobRoster, "alice");

    alice.sendStanza(available(alice));
    bob.sendStanza(available(bob));

    assertEquals(
        bob.getUser(), aliceSeesBob.get(WAIT_SECONDS, TimeUnit.SECONDS).getFrom());
    assertEquals(
        alice.getUser(), bobSeesAlice.get(WAIT_SECONDS, TimeUnit.SECONDS).getFrom());
  }

  @Test
  void contactsAddedByARefreshSeeEachOtherAndRemovedOnesGoUnavailable() throws Exception {
    XMPPTCPConnection alice = stack.login("alice", "phone");
    XMPPTCPConnection bob = stack.login("bob", "laptop");
    Roster aliceRoster = loadedRoster(alice);
    Roster bobRoster = loadedRoster(bob);
    alice.sendStanza(available(alice));
    bob.sendStanza(available(bob));
    CompletableFuture<Presence> aliceSeesBob = availableFrom(aliceRoster, "bob");
    CompletableFuture<Presence> bobSeesAlice = availableFrom(bobRoster, "alice");

    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    stack.backend.roster("bob", new JsonObject().put(jid("alice"), contact("Alice")));
    assertEquals(2, stack.refresh(new JsonArray().add("alice").add("bob")).bodyAsJsonObject().getInteger("updated"));

    assertEquals(bob.getUser(), aliceSeesBob.get(WAIT_SECONDS, TimeUnit.SECONDS).getFrom());
    assertEquals(alice.getUser(), bobSeesAlice.get(WAIT_SECONDS, TimeUnit.SECONDS).getFrom());

    StanzaCollector bobGone = unavailableFrom(alice, bob);
    StanzaCollector aliceGone = unavailableFrom(bob, alice);
    stack.backend.roster("alice", new JsonObject());
    stack.backend.roster("bob", new JsonObject());
    assertEquals(2, stack.refresh(new JsonArray().add("alice").add("bob")).bodyAsJsonObject().getInteger("updated"));

    assertNotNull(bobGone.nextResult(TimeUnit.SECONDS.toMillis(WAIT_SECONDS)), "alice saw bob go");
    assertNotNull(aliceGone.nextResult(TimeUnit.SECONDS.toMillis(WAIT_SECONDS)), "bob saw alice go");
    bobGone.cancel();
    aliceGone.cancel();
  }

  @Test
  void everyResourceThatAskedForTheRosterGetsThePush() throws Exception {
    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    RosterEvents phone = new RosterEvents();
    RosterEvents laptop = new RosterEvents();
    loadedRoster(stack.login("alice", "phone")).addRosterListener(phone);
    loadedRoster(stack.login("alice", "laptop")).addRosterListener(laptop);

    stack.backend.roster(
        "alice", new JsonObject().put(jid("bob"), contact("Bob")).put(jid("dave"), contact("Dave")));
    assertEquals(1, stack.refresh(new JsonArray().add("alice")).bodyAsJsonObject().getInteger("updated"));

    phone.added("dave").get(WAIT_SECONDS, TimeUnit.SECONDS);
    laptop.added("dave").get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void aFailedFetchAnswersTheRosterGetAndTheNextOneTriesAgain() throws Exception {
    stack.backend.respond("alice", new FakeRosterBackend.Response(500, "text/plain", "down"));
    XMPPTCPConnection alice = stack.login("alice", "phone");

    XMPPException.XMPPErrorException failed =
        assertThrows(
            XMPPException.XMPPErrorException.class,
            () -> alice.createStanzaCollectorAndSend(new RosterPacket()).nextResultOrThrow());
    assertEquals(StanzaError.Condition.internal_server_error, failed.getStanzaError().getCondition());
    assertTrue(alice.isConnected(), "the stream stays open");

    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    assertEquals(Set.of(bare("bob")), jidsOf(loadedRoster(alice).getEntries()));
  }

  @Test
  void aClientCannotChangeItsRoster() throws Exception {
    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    XMPPTCPConnection alice = stack.login("alice", "phone");
    Roster roster = loadedRoster(alice);

    XMPPException.XMPPErrorException refused =
        assertThrows(
            XMPPException.XMPPErrorException.class,
            () -> roster.createItem(bare("carol"), "Carol", null));
    assertEquals(StanzaError.Condition.service_unavailable, refused.getStanzaError().getCondition());
    assertEquals(StanzaError.Type.CANCEL, refused.getStanzaError().getType());
    assertEquals(Set.of(bare("bob")), jidsOf(loadedRoster(alice).getEntries()));
  }

  @Test
  void subscriptionPresenceReachesNobody() throws Exception {
    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    stack.backend.roster("bob", new JsonObject().put(jid("alice"), contact("Alice")));
    XMPPTCPConnection alice = stack.login("alice", "phone");
    XMPPTCPConnection bob = stack.login("bob", "laptop");
    Roster bobRoster = loadedRoster(bob);
    loadedRoster(alice);
    StanzaCollector bobsPresences =
        bob.createStanzaCollector(
            new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createBare(bare("alice"))));
    StanzaCollector bobsMessages =
        bob.createStanzaCollector(
            new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(bare("alice"))));

    for (Presence.Type type :
        new Presence.Type[] {
          Presence.Type.subscribe, Presence.Type.subscribed,
          Presence.Type.unsubscribe, Presence.Type.unsubscribed
        }) {
      for (Jid to : new Jid[] {bare("bob"), bob.getUser()}) {
        alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza().ofType(type).to(to).build());
      }
    }
    // A message sent after them is the marker: once it has arrived, they had their chance.
    alice.sendStanza(
        alice.getStanzaFactory().buildMessageStanza().to(bob.getUser()).setBody("marker").build());

    Message marker = bobsMessages.nextResultOrThrow(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertEquals("marker", marker.getBody());
    assertNull(bobsPresences.pollResult(), "a subscription presence got through");
    assertEquals(ItemType.both, bobRoster.getEntry(bare("alice")).getType());
    bobsPresences.cancel();
    bobsMessages.cancel();
  }

  private static Roster loadedRoster(XMPPTCPConnection c) throws Exception {
    Roster roster = Roster.getInstanceFor(c);
    roster.reloadAndWait();
    return roster;
  }

  private static Presence available(XMPPTCPConnection c) {
    return c.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build();
  }

  private static CompletableFuture<Presence> availableFrom(Roster roster, String user) {
    CompletableFuture<Presence> seen = new CompletableFuture<>();
    roster.addRosterListener(
        new RosterEvents() {
          @Override
          public void presenceChanged(Presence presence) {
            if (presence.isAvailable() && presence.getFrom().asBareJid().equals(bare(user))) {
              seen.complete(presence);
            }
          }
        });
    return seen;
  }

  /** Collects unavailable presence that {@code to} receives from {@code from}'s full JID. */
  private static StanzaCollector unavailableFrom(XMPPTCPConnection to, XMPPTCPConnection from) {
    return to.createStanzaCollector(
        new AndFilter(
            StanzaTypeFilter.PRESENCE,
            FromMatchesFilter.createFull(from.getUser()),
            s -> ((Presence) s).getType() == Presence.Type.unavailable));
  }

  static BareJid bare(String user) {
    try {
      return JidCreate.entityBareFrom(jid(user));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Set<BareJid> jidsOf(Collection<RosterEntry> entries) {
    return entries.stream().map(RosterEntry::getJid).collect(Collectors.toSet());
  }

  private static Set<String> groupsOf(RosterEntry entry) {
    return entry.getGroups().stream().map(RosterGroup::getName).collect(Collectors.toSet());
  }

  /** What Smack reported of the roster pushes, per contact, to wait on. */
  static class RosterEvents implements RosterListener {
    private final Map<String, CompletableFuture<Void>> seen = new ConcurrentHashMap<>();

    CompletableFuture<Void> added(String user) {
      return event("added", bare(user));
    }

    CompletableFuture<Void> updated(String user) {
      return event("updated", bare(user));
    }

    CompletableFuture<Void> deleted(String user) {
      return event("deleted", bare(user));
    }

    private CompletableFuture<Void> event(String kind, Jid jid) {
      return seen.computeIfAbsent(kind + " " + jid, k -> new CompletableFuture<>());
    }

    private void saw(String kind, Collection<Jid> addresses) {
      addresses.forEach(a -> event(kind, a).complete(null));
    }

    @Override
    public void entriesAdded(Collection<Jid> addresses) {
      saw("added", addresses);
    }

    @Override
    public void entriesUpdated(Collection<Jid> addresses) {
      saw("updated", addresses);
    }

    @Override
    public void entriesDeleted(Collection<Jid> addresses) {
      saw("deleted", addresses);
    }

    @Override
    public void presenceChanged(Presence presence) {}
  }
}
