package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionDirectory;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client's roster requests and the pushes of the roster cache. */
@ExtendWith(VertxExtension.class)
class RosterIqTest {
  private SessionLayer sessions;
  private RosterStandIn cache;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    SessionHarness harness = SessionHarness.start(vertx);
    sessions = harness.sessions();
    cache = harness.cache();
    cache.roster("alice", "v1",
        item("bob@rosterd.test", "Bob", "Friends", "Work"),
        item("carol@rosterd.test", null));
  }

  @Test
  void aRosterGetReturnsTheItemsAndVersion(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
    assertEquals(
        "<iq to='alice@rosterd.test/a' id='r1' type='result'><query xmlns='jabber:iq:roster' ver='v1'>"
            + "<item jid='bob@rosterd.test' name='Bob' subscription='both'><group>Friends</group><group>Work</group></item>"
            + "<item jid='carol@rosterd.test' subscription='both'/></query></iq>",
        alice.next());
    assertEquals(1, cache.requests.get(), "loaded once, at bind");
  }

  @Test
  void aRosterGetWithTheCurrentVersionIsAnEmptyResult(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<iq type='get' id='r2'><query xmlns='jabber:iq:roster' ver='v1'/></iq>");
    assertEquals("<iq to='alice@rosterd.test/a' id='r2' type='result'/>", alice.next());
  }

  @Test
  void aRosterSetIsRefused(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='eve@rosterd.test'/></query></iq>");
    String error = alice.next();
    assertTrue(error.contains("<error type='cancel'><service-unavailable"), error);
    alice.send("<iq type='get' id='r3'><query xmlns='jabber:iq:roster'/></iq>");
    assertFalse(alice.next().contains("eve@"), "the roster is unchanged");
  }

  @Test
  void aFailedLoadIsAnInternalServerErrorAndTheNextGetRetries(Vertx vertx) throws Exception {
    cache.failing("alice");
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<iq type='get' id='f1'><query xmlns='jabber:iq:roster'/></iq>");
    String error = alice.next();
    assertTrue(error.contains("id='f1'") && error.contains("<error type='wait'><internal-server-error"), error);

    cache.roster("alice", "v2", item("dave@rosterd.test", "Dave"));
    alice.send("<iq type='get' id='f2'><query xmlns='jabber:iq:roster'/></iq>");
    assertTrue(alice.next().contains("<item jid='dave@rosterd.test' name='Dave' subscription='both'/>"));
    assertFalse(alice.link.streamError.isDone());
  }

  @Test
  void aRosterGetWithoutAnyCacheIsAnsweredWithAnError() throws Exception {
    // No roster cache deployed at all: the request fails at once with NO_HANDLERS.
    Vertx alone = Vertx.vertx();
    try {
      TestClient alice = TestClient.bind(alone, Sessions.start(alone, TestClient.DOMAIN), "alice", "a");
      alice.send("<iq type='get' id='n1'><query xmlns='jabber:iq:roster'/></iq>");
      String error = alice.next();
      assertTrue(error.contains("id='n1'") && error.contains("<error type='wait'><internal-server-error"), error);
    } finally {
      alone.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void pushesReachEveryInterestedResourceWithTheNewVersion(Vertx vertx) throws Exception {
    TestClient phone = TestClient.bind(vertx, sessions, "alice", "phone");
    TestClient desk = TestClient.bind(vertx, sessions, "alice", "desk");
    for (TestClient c : List.of(phone, desk)) {
      c.send("<iq type='get' id='r'><query xmlns='jabber:iq:roster'/></iq>");
      c.nextWith("id='r'");
    }

    var push = new SessionMessage.RosterChanged("v2", List.of(
        new RosterChange(RosterChange.Kind.ADDED, item("dave@rosterd.test", "Dave", "Friends")),
        new RosterChange(RosterChange.Kind.REMOVED, item("carol@rosterd.test", null)))).toJson();
    var online = TestClient.await(phone.link, () -> new SessionDirectory(vertx).sessions("alice@rosterd.test"));
    online.values().forEach(e -> SessionAddressing.send(vertx, e.address(), push));

    for (TestClient c : List.of(phone, desk)) {
      String added = c.nextWith("dave@");
      assertTrue(added.contains("type='set'") && !added.contains("from="), added);
      assertTrue(added.contains("<query xmlns='jabber:iq:roster' ver='v2'>"
          + "<item jid='dave@rosterd.test' name='Dave' subscription='both'><group>Friends</group></item></query>"), added);
      String removed = c.nextWith("carol@");
      assertTrue(removed.contains("<item jid='carol@rosterd.test' subscription='remove'/>"), removed);
    }
    phone.send("<iq type='get' id='r4'><query xmlns='jabber:iq:roster' ver='v2'/></iq>");
    assertEquals("<iq to='alice@rosterd.test/phone' id='r4' type='result'/>", phone.nextWith("id='r4'"));
  }

  @Test
  void aResourceThatNeverAskedGetsNoPush(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");
    var online = TestClient.await(alice.link, () -> new SessionDirectory(vertx).sessions("alice@rosterd.test"));

    SessionAddressing.send(vertx, online.get("a").address(), new SessionMessage.RosterChanged("v2",
        List.of(new RosterChange(RosterChange.Kind.ADDED, item("dave@rosterd.test", "Dave")))).toJson());
    alice.send("<iq type='get' id='after'><ping xmlns='urn:xmpp:ping'/></iq>");
    assertTrue(alice.next().contains("id='after'"), "the push was not written before the ping answer");
  }
}
