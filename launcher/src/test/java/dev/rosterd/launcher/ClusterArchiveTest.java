package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.WAIT_SECONDS;
import static dev.rosterd.launcher.FullStack.await;
import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.TestStores;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The archive piece in a cluster (issue 11): two nodes, every piece on both, one PostgreSQL store.
 * A chat to an offline contact is kept through node A; the recipient comes back through node B,
 * whose offline delivery and archive answer from the shared store (whichever node's archive piece
 * a request reaches, it sees the same rows).
 */
@ExtendWith({VertxExtension.class, TestStores.Extension.class})
class ClusterArchiveTest {
  @Test
  void anOfflineChatKeptThroughOneNodeIsDeliveredAndArchivedOnTheOther(TestStores stores, Vertx vertx)
      throws Exception {
    FakeRosterBackend backend = await(FakeRosterBackend.start(vertx));
    backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    backend.roster("bob", new JsonObject().put(jid("alice"), contact("Alice")));
    JsonObject archive = new JsonObject().put("archive", stores.fresh(TestStores.Kind.POSTGRESQL));
    Vertx vertxA = await(ClusterJoin.vertx(ClusterTest.cluster(new JsonArray())));
    Vertx vertxB = await(ClusterJoin.vertx(
        ClusterTest.cluster(new JsonArray().add("127.0.0.1:" + ClusterTest.hazelcastPort(vertxA)))));
    try {
      FullStack nodeA = FullStack.start(vertxA, backend, archive);
      FullStack nodeB = FullStack.start(vertxB, backend, archive);
      XMPPTCPConnection alice = nodeA.login("alice", "phone");
      alice.sendStanza(MessageBuilder.buildMessage().to(JidCreate.entityBareFrom(jid("bob")))
          .ofType(Message.Type.chat).setBody("kept through node A").build());
      // Answered after the chat was processed: it is committed by then.
      assertTrue(PingManager.getInstanceFor(alice).pingMyServer());

      XMPPTCPConnection bob = nodeB.login("bob", "laptop");
      StanzaCollector offline = bob.createStanzaCollector(MessageWithBodiesFilter.INSTANCE);
      bob.sendStanza(PresenceBuilder.buildPresence().build());
      Message delivered = offline.nextResult(WAIT_SECONDS * 1000);
      assertNotNull(delivered, "the chat kept through node A was not delivered by node B");
      assertEquals("kept through node A", delivered.getBody());
      assertNotNull(DelayInformation.from(delivered), delivered.toXML().toString());

      MamManager.MamQuery history = MamManager.getInstanceFor(bob).queryArchive(
          MamManager.MamQueryArgs.builder().limitResultsToJid(JidCreate.bareFrom(jid("alice"))).build());
      assertEquals(List.of("kept through node A"), history.getMessages().stream().map(Message::getBody).toList());
      assertEquals(StanzaIdElement.getStanzaId(delivered).getId(), history.getMamResultExtensions().get(0).getId(),
          "one id in offline delivery and in the archive");
      nodeA.close();
      nodeB.close();
    } finally {
      vertxB.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
      vertxA.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
