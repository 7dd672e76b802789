package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.NodeLeft;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.common.session.SessionEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sessions of a node that left the cluster, as a survivor's c2s clears them: recorded here
 * under another node's id, as the departed node had recorded them, and cleared on {@link
 * Addresses#NODE_LEFT}.
 */
@ExtendWith(VertxExtension.class)
class NodeDepartureTest {
  /** A session address of the departed node (its inbox no longer exists). */
  private static final String ALICE_ON_GONE_NODE = Addresses.SESSION_PREFIX + "gone-node.inbox.s1";

  private SessionLayer sessions;
  private SessionDirectory directory;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    SessionHarness harness = SessionHarness.start(vertx);
    sessions = harness.sessions();
    directory = new SessionDirectory(vertx);
    RosterStandIn cache = harness.cache();
    cache.roster("alice", "a1", item("bob@rosterd.test", "Bob"));
    cache.roster("bob", "b1", item("alice@rosterd.test", "Alice"));
  }

  @Test
  void aDepartedNodesSessionsLeaveRoutingTheirContactsHearAndTheirRosterIsReleased(Vertx vertx) throws Exception {
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "b");
    bob.send("<presence/>");
    bob.nextWith("from='bob@rosterd.test/b'");
    await(directory.put("alice@rosterd.test", "phone", new SessionEntry(ALICE_ON_GONE_NODE, 0, true)));
    CompletableFuture<String> released = new CompletableFuture<>();
    await(vertx.eventBus().<JsonObject>consumer(
        Addresses.ROSTER_RELEASE, m -> released.complete(RosterRelease.fromJson(m.body()).username())).completion());

    JsonObject taken = await(vertx.eventBus().<JsonObject>request(
        Addresses.NODE_LEFT, new NodeLeft("gone-node").toJson(), new DeliveryOptions().setLocalOnly(true))).body();

    assertEquals(new JsonObject(), taken);
    String gone = bob.nextWith("from='alice@rosterd.test/phone'");
    assertTrue(gone.contains("type='unavailable'") && gone.contains("to='bob@rosterd.test/b'"), gone);
    assertEquals("alice", released.get(5, TimeUnit.SECONDS));
    assertEquals(Map.of(), TestClient.await(bob.link, () -> directory.sessions("alice@rosterd.test")));
    assertEquals(List.of(), TestClient.await(bob.link, () -> directory.sessionsOfNode("gone-node")));
  }

  @Test
  void aSessionThatEndedAnswersNoRequestAtItsAddress(Vertx vertx) throws Exception {
    TestClient carol = TestClient.bind(vertx, sessions, "carol", "c");
    String address = TestClient.await(carol.link, () -> directory.sessions("carol@rosterd.test")).get("c").address();
    carol.close();

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> await(SessionAddressing.request(vertx, address, new SessionMessage.Replaced().toJson(), new DeliveryOptions())));
    assertEquals(BusFailure.UNAVAILABLE, ((ReplyException) e.getCause()).failureCode());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
