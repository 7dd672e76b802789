package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.TestTls;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Stream management (XEP-0198) with a second, independent client library: slixmpp's {@code
 * xep_0198} (Python, script {@code slixmpp/sm_resume.py}) is sent 1,000 chats by a Smack client,
 * aborts its connection a quarter of the way in, connects again, resumes, and has every chat
 * exactly once, in order. Here rather than in the launcher: what is tested is the c2s's stream
 * management, and {@link SmackServer} is a whole c2s without the cost of the jar.
 */
@ExtendWith(VertxExtension.class)
class StreamManagementSlixmppTest {
  private static final int MESSAGES = 1000;
  private static final int CUT_AFTER = MESSAGES / 4;

  private final SmackServer server = new SmackServer();
  private XMPPTCPConnection bob;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    // bob's burst must not be slowed by the per-stream rate: the burst is the point.
    JsonObject unthrottled = new JsonObject().put("stanzasPerSecond", 100_000).put("stanzaBurst", 1_000_000);
    server.start(vertx, unthrottled).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    server.cache.roster("alice", "a1", item("bob@rosterd.test", "Bob"));
    server.cache.roster("bob", "b1", item("alice@rosterd.test", "Alice"));
  }

  @AfterEach
  void tearDown() {
    if (bob != null) {
      bob.disconnect();
    }
  }

  @Test
  void slixmppCutMidBurstResumesWithEveryMessageExactlyOnceInOrder() throws Exception {
    try (SlixmppClient alice = SlixmppClient.run("sm_resume.py", List.of(
        "--jid", "alice@rosterd.test/slix", "--password", SmackServer.PASSWORD,
        "--port", String.valueOf(server.port()), "--ca", TestTls.certPath().toString(),
        "--cut-after", String.valueOf(CUT_AFTER), "--expect", String.valueOf(MESSAGES)))) {
      JsonObject enabled = alice.next();
      assertEquals("enabled", enabled.getString("event"), enabled.encode());
      assertTrue(enabled.getBoolean("resume") && !enabled.getString("id").isEmpty(), "resumable: " + enabled.encode());

      bob = server.login("bob", "b");
      var to = JidCreate.entityFullFrom("alice@rosterd.test/slix");
      for (int i = 0; i < MESSAGES; i++) {
        bob.sendStanza(bob.getStanzaFactory().buildMessageStanza().ofType(Message.Type.chat).to(to)
            .setBody("m" + i).build());
      }

      List<String> bodies = new ArrayList<>();
      List<String> events = new ArrayList<>();
      int resumedAt = -1;
      for (JsonObject report = alice.next(); !"done".equals(report.getString("event")); report = alice.next()) {
        String event = report.getString("event");
        if ("message".equals(event)) {
          bodies.add(report.getString("body"));
        } else {
          events.add(event);
          resumedAt = "resumed".equals(event) ? bodies.size() : resumedAt;
        }
      }
      assertEquals(List.of("cut", "resumed"), events, "slixmpp cut its connection and resumed the stream, not bound afresh");
      // Chats slixmpp had read before the cut still count (its h includes them); what came after
      // the resumption must be what it had not: at least one chat came on the resumed stream.
      assertTrue(resumedAt >= CUT_AFTER && resumedAt < MESSAGES, "resumed after " + resumedAt + " chats");
      assertEquals(MESSAGES, bodies.size(), "exactly once: no duplicates, none lost");
      for (int i = 0; i < MESSAGES; i++) {
        assertEquals("m" + i, bodies.get(i), "message " + i + " in order");
      }
      assertEquals(0, alice.exitValue(), alice.log());
      assertFalse(alice.log().contains("Traceback"), alice.log());
    }
  }
}
