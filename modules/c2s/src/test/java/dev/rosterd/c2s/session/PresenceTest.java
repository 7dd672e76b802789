package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.bus.SubscriptionAttempt;
import dev.rosterd.common.bus.SubscriptionVerdict;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionDirectory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Presence between roster contacts (subscriptions fixed at both) and blocked subscriptions. */
@ExtendWith(VertxExtension.class)
class PresenceTest {
  private SessionLayer sessions;
  private RosterStandIn cache;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    SessionHarness harness = SessionHarness.start(vertx);
    sessions = harness.sessions();
    cache = harness.cache();
    cache.roster("alice", "a1", item("bob@rosterd.test", "Bob"));
    cache.roster("bob", "b1", item("alice@rosterd.test", "Alice"));
  }

  @Test
  void contactsSeeEachOtherComeOnlineAndGoOffline(Vertx vertx) throws Exception {
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "b");
    bob.send("<presence><show>away</show></presence>");
    bob.nextWith("from='bob@rosterd.test/b'");

    // Alice never asks for her roster: her presence still reaches her contacts.
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");
    alice.send("<presence><status>here</status></presence>");

    String atBob = bob.nextWith("from='alice@rosterd.test/a'");
    assertTrue(atBob.contains("<status>here</status>") && atBob.contains("to='bob@rosterd.test/b'"), atBob);
    String probed = alice.nextWith("from='bob@rosterd.test/b'");
    assertTrue(probed.contains("<show>away</show>") && probed.contains("to='alice@rosterd.test/a'"), probed);

    CompletableFuture<String> released = new CompletableFuture<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.ROSTER_RELEASE, m -> released.complete(RosterRelease.fromJson(m.body()).username()))
        .completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    alice.close();
    String gone = bob.nextWith("from='alice@rosterd.test/a'");
    assertTrue(gone.contains("type='unavailable'"), gone);
    assertEquals("alice", released.get(5, TimeUnit.SECONDS));
    assertTrue(TestClient.await(bob.link, () -> new SessionDirectory(vertx).sessions("alice@rosterd.test")).isEmpty());
  }

  @Test
  void directedPresenceGoesAsAddressed(Vertx vertx) throws Exception {
    TestClient carol = TestClient.bind(vertx, sessions, "carol", "c");
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<presence to='carol@rosterd.test/c'><status>psst</status></presence>");
    assertTrue(carol.nextWith("psst").contains("from='alice@rosterd.test/a'"));
  }

  @Test
  void aDirectedPresenceRecipientHearsOfUnavailabilityAndProbesFromClientsAreDropped(Vertx vertx) throws Exception {
    TestClient carol = TestClient.bind(vertx, sessions, "carol", "c");
    carol.send("<presence/>");
    carol.nextWith("from='carol@rosterd.test/c'");
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");
    alice.send("<presence/>");
    alice.send("<presence to='carol@rosterd.test'/>");
    carol.nextWith("from='alice@rosterd.test/a'");

    alice.send("<presence type='probe' to='carol@rosterd.test'/>");
    alice.close();
    String next = carol.nextWith("from='alice@rosterd.test/a'");
    assertTrue(next.contains("type='unavailable'"), "no probe, then the unavailable presence: " + next);
  }

  @Test
  void subscriptionPresenceIsNeverRoutedAndDroppedWithoutVerdict(Vertx vertx) throws Exception {
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "b");
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    for (String type : List.of("subscribe", "subscribed", "unsubscribe", "unsubscribed")) {
      alice.send("<presence type='" + type + "' to='bob@rosterd.test'/>");
      alice.send("<presence type='" + type + "' to='bob@rosterd.test/b'/>");
    }
    alice.send("<message to='bob@rosterd.test/b'><body>sentinel</body></message>");
    assertTrue(bob.next().contains("sentinel"), "nothing before the sentinel message");
    alice.send("<iq type='get' id='after'><ping xmlns='urn:xmpp:ping'/></iq>");
    assertTrue(alice.next().contains("id='after'"), "no bounce when nobody gives a verdict");
  }

  @Test
  void anErrorVerdictBouncesNotAllowed(Vertx vertx) throws Exception {
    LinkedBlockingQueue<SubscriptionAttempt> attempts = new LinkedBlockingQueue<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.SUBSCRIPTION_ATTEMPT, m -> {
      attempts.add(SubscriptionAttempt.fromJson(m.body()));
      m.reply(new SubscriptionVerdict(SubscriptionVerdict.Action.ERROR).toJson());
    }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "b");
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");

    alice.send("<presence type='subscribe' to='bob@rosterd.test/b' id='s1'/>");
    String bounce = alice.next();
    assertTrue(bounce.contains("id='s1'") && bounce.contains("<error type='cancel'><not-allowed"), bounce);
    assertEquals(new SubscriptionAttempt("alice@rosterd.test/a", "bob@rosterd.test/b", "subscribe"),
        attempts.poll(5, TimeUnit.SECONDS));
    alice.send("<message to='bob@rosterd.test/b'><body>sentinel</body></message>");
    assertTrue(bob.next().contains("sentinel"));
  }

  @Test
  void addedAndRemovedContactsExchangePresence(Vertx vertx) throws Exception {
    cache.roster("alice", "a1");
    cache.roster("carol", "c1");
    TestClient carol = TestClient.bind(vertx, sessions, "carol", "c");
    carol.send("<presence/>");
    carol.nextWith("from='carol@rosterd.test/c'");
    TestClient alice = TestClient.bind(vertx, sessions, "alice", "a");
    alice.send("<presence/>");
    alice.nextWith("from='alice@rosterd.test/a'");

    send(vertx, "alice@rosterd.test", new SessionMessage.RosterChanged("a2",
        List.of(new RosterChange(RosterChange.Kind.ADDED, item("carol@rosterd.test", "Carol")))).toJson());
    assertTrue(carol.nextWith("from='alice@rosterd.test/a'").startsWith("<presence"));
    assertTrue(alice.nextWith("from='carol@rosterd.test/c'").startsWith("<presence"));

    send(vertx, "alice@rosterd.test", new SessionMessage.RosterChanged("a3",
        List.of(new RosterChange(RosterChange.Kind.REMOVED, item("carol@rosterd.test", "Carol")))).toJson());
    assertTrue(carol.nextWith("from='alice@rosterd.test/a'").contains("type='unavailable'"));
    assertTrue(alice.nextWith("from='carol@rosterd.test/c'").contains("type='unavailable'"));
  }

  private static void send(Vertx vertx, String bare, JsonObject message) throws Exception {
    var online = new SessionDirectory(vertx).sessions(bare).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    online.values().forEach(e -> SessionAddressing.send(vertx, e.address(), message));
  }
}
