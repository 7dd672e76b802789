package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Client state indication (XEP-0352): an inactive client gets no presence floods (only the latest
 * presence of each contact, and only when something worth reading comes or it is active again),
 * no typing notifications, and every message with a body at once.
 */
@ExtendWith(VertxExtension.class)
class ClientStateTest {
  private SessionLayer sessions;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    SessionHarness harness = SessionHarness.start(vertx);
    sessions = harness.sessions();
    harness.cache().roster("alice", "a1", item("bob@rosterd.test", "Bob"));
    harness.cache().roster("bob", "b1", item("alice@rosterd.test", "Alice"));
  }

  @Test
  void anInactiveClientGetsTheLatestPresenceBeforeTheNextMessageAndNoTyping(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "phone");
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "desk");
    alice.send("<presence/>");
    alice.nextWith("from='alice@rosterd.test/phone'");
    alice.send("<inactive xmlns='urn:xmpp:csi:0'/>");

    for (String status : new String[] {"one", "two", "three"}) {
      bob.send("<presence><status>" + status + "</status></presence>");
      bob.nextWith("<status>" + status + "</status>");
    }
    bob.send("<message to='alice@rosterd.test/phone' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
    bob.send("<message to='alice@rosterd.test/phone' type='chat'><body>are you there?</body></message>");

    String first = alice.next(s -> s.contains("from='bob@rosterd.test/desk'"));
    assertTrue(first.startsWith("<presence") && first.contains("<status>three</status>"), first);
    String second = alice.next(s -> s.contains("from='bob@rosterd.test/desk'"));
    assertTrue(second.contains("are you there?"), second);
    assertFalse(second.contains("composing"), second);
  }

  @Test
  void becomingActiveSendsWhatWasHeld(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "phone");
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "desk");
    alice.send("<presence/>");
    alice.nextWith("from='alice@rosterd.test/phone'");
    alice.send("<inactive xmlns='urn:xmpp:csi:0'/>");
    bob.send("<presence><show>away</show></presence>");
    bob.nextWith("<show>away</show>");

    alice.send("<active xmlns='urn:xmpp:csi:0'/>");
    String held = alice.next(s -> s.contains("from='bob@rosterd.test/desk'"));
    assertTrue(held.contains("<show>away</show>"), held);
  }
}
