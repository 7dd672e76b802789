package dev.rosterd.c2s.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Message routing between sessions, through the real session directory and event bus. */
@ExtendWith(VertxExtension.class)
class MessageDeliveryTest {
  private static final String UNAVAILABLE =
      "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>";

  private SessionLayer sessions;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    sessions = SessionHarness.start(vertx).sessions();
  }

  @Test
  void messagesGoBothWaysWithTheSenderStamped(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "b");

    alice.send("<message to='bob@rosterd.test/b' from='mallory@evil.test' type='chat'><body>hi bob</body></message>");
    String atBob = bob.nextWith("hi bob");
    assertTrue(atBob.contains("from='alice@rosterd.test/a'"), atBob);

    bob.send("<message to='alice@rosterd.test/a' type='chat'><body>hi alice</body></message>");
    assertTrue(alice.nextWith("hi alice").contains("from='bob@rosterd.test/b'"));
  }

  @Test
  void aMessageToAUserWithoutSessionIsBounced(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<message to='carol@rosterd.test' id='m1' type='chat'><body>anyone?</body></message>");
    String error = alice.next();
    assertTrue(error.contains("type='error'") && error.contains(UNAVAILABLE) && error.contains("id='m1'"), error);
    assertTrue(error.contains("from='carol@rosterd.test'") && error.contains("to='alice@rosterd.test/a'"), error);
  }

  @Test
  void aMessageToAGoneResourceFallsBackToTheBareJid(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "desk");
    bob.send("<presence/>");
    bob.nextWith("<presence"); // its own presence comes back: it is available

    alice.send("<message to='bob@rosterd.test/phone' type='chat'><body>still there?</body></message>");
    assertTrue(bob.nextWith("still there?").contains("to='bob@rosterd.test/phone'"));
  }

  @Test
  void aBareJidReachesTheHighestPriorityResource(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");
    TestClient low = TestClient.bind(vertx, sessions, "bob", "low");
    TestClient high = TestClient.bind(vertx, sessions, "bob", "high");
    low.send("<presence><priority>1</priority></presence>");
    low.nextWith("from='bob@rosterd.test/low'");
    high.send("<presence><priority>5</priority></presence>");
    high.nextWith("from='bob@rosterd.test/high'");
    low.nextWith("from='bob@rosterd.test/high'");

    alice.send("<message to='bob@rosterd.test' type='chat'><body>first</body></message>");
    alice.send("<message to='bob@rosterd.test/low' type='chat'><body>second</body></message>");

    assertTrue(high.nextWith("<message").contains("first"));
    // Low got nothing before the message addressed to it: the bare-JID one went to high only.
    assertTrue(low.nextWith("<message").contains("second"));
  }

  @Test
  void aNegativePriorityNeverGetsBareJidMessages(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "bot");
    bob.send("<presence><priority>-1</priority></presence>");
    bob.nextWith("<presence");

    alice.send("<message to='bob@rosterd.test' type='chat' id='neg'><body>hello</body></message>");
    assertTrue(alice.next().contains(UNAVAILABLE));
  }

  @Test
  void otherDomainsAreUnreachable(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<message to='someone@elsewhere.test' type='chat'><body>hi</body></message>");
    assertTrue(alice.next().contains("<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"));
  }

  @Test
  void groupchatToAnAbsentResourceIsBouncedAndHeadlinesDropped(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<message to='bob@rosterd.test/x' type='headline' id='h'><body>news</body></message>");
    alice.send("<message to='bob@rosterd.test/x' type='groupchat' id='g'><body>room</body></message>");
    String error = alice.next();
    assertTrue(error.contains("id='g'") && error.contains(UNAVAILABLE), error);
  }
}
