package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.XmppClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Smack's stream management (XEP-0198) against rosterd: a client whose socket is cut in the middle
 * of 1,000 incoming messages resumes and has every one of them exactly once, in order.
 */
@ExtendWith(VertxExtension.class)
class StreamManagementSmackTest {
  private static final int MESSAGES = 1000;

  private final SmackServer server = new SmackServer();
  private final List<XMPPTCPConnection> open = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    // The sender must not be slowed by the per-stream rate: the burst is the point.
    JsonObject unthrottled = new JsonObject().put("stanzasPerSecond", 100_000).put("stanzaBurst", 1_000_000);
    server.start(vertx, unthrottled).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    server.cache.roster("alice", "a1", item("bob@rosterd.test", "Bob"));
    server.cache.roster("bob", "b1", item("alice@rosterd.test", "Alice"));
  }

  @AfterEach
  void tearDown() {
    open.forEach(XMPPTCPConnection::disconnect);
  }

  @Test
  void aCutSocketResumesWithEveryMessageExactlyOnceInOrder() throws Exception {
    XMPPTCPConnection alice = connection("alice", "phone", true);
    alice.login();
    assertTrue(alice.isSmEnabled() && alice.isSmResumptionPossible(), "Smack enabled resumable stream management");
    List<String> bodies = new ArrayList<>();
    CountDownLatch halfway = new CountDownLatch(MESSAGES / 4);
    CountDownLatch all = new CountDownLatch(MESSAGES);
    // A synchronous listener: Smack calls it in the order the stanzas arrived.
    alice.addSyncStanzaListener(stanza -> {
      synchronized (bodies) {
        bodies.add(((Message) stanza).getBody());
      }
      halfway.countDown();
      all.countDown();
    }, stanza -> stanza instanceof Message m && m.getBody() != null);

    XMPPTCPConnection bob = server.login("bob", "b");
    open.add(bob);
    var to = JidCreate.entityFullFrom("alice@rosterd.test/phone");
    Thread sender = new Thread(() -> {
      try {
        for (int i = 0; i < MESSAGES; i++) {
          bob.sendStanza(bob.getStanzaFactory().buildMessageStanza().ofType(Message.Type.chat).to(to)
              .setBody("m" + i).build());
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    sender.start();
    assertTrue(halfway.await(30, TimeUnit.SECONDS), "a quarter of the burst arrived");
    alice.instantShutdown();
    alice.connect();
    alice.login();
    assertTrue(alice.streamWasResumed(), "the session was resumed, not bound afresh");
    sender.join(30_000);
    assertTrue(all.await(30, TimeUnit.SECONDS), "all messages arrived; got " + bodies.size());
    synchronized (bodies) {
      assertEquals(MESSAGES, bodies.size(), "exactly once: no duplicates");
      for (int i = 0; i < MESSAGES; i++) {
        assertEquals("m" + i, bodies.get(i), "message " + i + " in order");
      }
    }
  }

  private XMPPTCPConnection connection(String user, String resource, boolean streamManagement) throws Exception {
    var config = XmppClients.config(TestClient.DOMAIN, server.port(), user, SmackServer.PASSWORD, "PLAIN");
    XMPPTCPConnection c = new XMPPTCPConnection(config.setResource(resource).build());
    c.setReplyTimeout(XmppClients.REPLY_TIMEOUT.toMillis());
    c.setUseStreamManagement(streamManagement);
    c.setUseStreamManagementResumption(streamManagement);
    Roster.getInstanceFor(c).setSubscriptionMode(Roster.SubscriptionMode.manual);
    c.connect();
    open.add(c);
    return c;
  }
}
