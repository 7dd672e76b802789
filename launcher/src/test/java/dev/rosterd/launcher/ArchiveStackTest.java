package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.WAIT_SECONDS;
import static dev.rosterd.launcher.FullStack.await;
import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * No message lost, end to end with the archive piece on its embedded store and Smack clients: a
 * chat to a contact who is offline waits and arrives at their next initial presence, in order,
 * stamped; a stranger's bounces; and a second device reads the conversation from the archive.
 */
@ExtendWith(VertxExtension.class)
class ArchiveStackTest {
  @TempDir
  Path store;

  private FullStack stack;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    FakeRosterBackend backend = await(FakeRosterBackend.start(vertx));
    backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    backend.roster("bob", new JsonObject().put(jid("alice"), contact("Alice")));
    JsonObject archive = new JsonObject().put("archive", new JsonObject().put("directory", store.toString()));
    stack = FullStack.start(vertx, backend, archive);
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void aChatToAnOfflineContactArrivesInOrderWithItsStampAtInitialPresence() throws Exception {
    XMPPTCPConnection alice = online("alice", "phone");
    chat(alice, "bob", "first while you were away");
    chat(alice, "bob", "second while you were away");
    // Answered after the two chats were processed (in order): they have been kept by then.
    assertTrue(PingManager.getInstanceFor(alice).pingMyServer());

    XMPPTCPConnection bob = stack.login("bob", "laptop");
    StanzaCollector messages = bob.createStanzaCollector(MessageWithBodiesFilter.INSTANCE);
    bob.sendStanza(PresenceBuilder.buildPresence().build());
    Message first = messages.nextResult(WAIT_SECONDS * 1000);
    Message second = messages.nextResult(WAIT_SECONDS * 1000);
    assertNotNull(second, "the offline messages did not arrive");

    assertEquals("first while you were away", first.getBody());
    assertEquals("second while you were away", second.getBody());
    assertEquals(jid("alice") + "/phone", first.getFrom().toString());
    DelayInformation delay = DelayInformation.from(first);
    assertNotNull(delay, first.toXML().toString());
    assertTrue(delay.getStamp().getTime() <= System.currentTimeMillis());
    assertNotNull(StanzaIdElement.getStanzaId(first), first.toXML().toString());
  }

  /**
   * XEP-0198 and the offline queue: bob's phone took a chat but its connection dropped before it
   * acknowledged it, and it does not resume. The chat waits in his offline queue and arrives at his
   * next initial presence, with the stanza id it had (so a client reading the archive too sees
   * it once).
   */
  @Test
  void aChatThatWasNeverAcknowledgedWaitsOfflineWhenTheSessionEnds() throws Exception {
    RawXmppClient phone = RawXmppClient.connect(stack.c2sPort());
    phone.authenticate(FullStack.DOMAIN, "bob", "bob-pw");
    phone.bind("phone");
    phone.send("<enable xmlns='urn:xmpp:sm:3'/><presence/>");
    phone.expect("<enabled");
    XMPPTCPConnection alice = online("alice", "laptop");
    chat(alice, "bob", "did you get this?");
    String delivered = phone.expect("did you get this?") + phone.expect("</message>");
    Matcher stanzaId = Pattern
        .compile("<stanza-id [^>]*\\bid='([^']+)'").matcher(delivered);
    assertTrue(stanzaId.find(), delivered);
    phone.abort();

    XMPPTCPConnection bob = stack.login("bob", "tablet");
    StanzaCollector messages = bob.createStanzaCollector(MessageWithBodiesFilter.INSTANCE);
    bob.sendStanza(PresenceBuilder.buildPresence().build());
    Message again = messages.nextResult(WAIT_SECONDS * 1000);
    assertNotNull(again, "the unacknowledged chat did not wait offline");
    assertEquals("did you get this?", again.getBody());
    assertNotNull(DelayInformation.from(again), again.toXML().toString());
    assertEquals(stanzaId.group(1), StanzaIdElement.getStanzaId(again).getId(), again.toXML().toString());
    assertEquals(1, again.getExtensions(StanzaIdElement.class).size(), "one stanza id by bob: " + again.toXML());
    // Once: the next chat bob gets is a new one, not the old one again.
    chat(alice, "bob", "marker");
    Message next = messages.nextResult(WAIT_SECONDS * 1000);
    assertEquals("marker", next.getBody());
  }

  @Test
  void aStrangersChatToSomeoneOfflineBounces() throws Exception {
    XMPPTCPConnection alice = online("alice", "phone");
    StanzaCollector errors = alice.createStanzaCollector(new AndFilter(
        StanzaTypeFilter.MESSAGE, stanza -> ((Message) stanza).getType() == Message.Type.error));
    chat(alice, "carol", "carol is not in my roster");

    Message bounce = errors.nextResult(WAIT_SECONDS * 1000);
    assertNotNull(bounce, "no bounce");
    assertEquals(StanzaError.Condition.service_unavailable, bounce.getError().getCondition());
  }

  @Test
  void aSecondDeviceReadsTheConversationFromTheArchive() throws Exception {
    XMPPTCPConnection alice = online("alice", "phone");
    StanzaCollector bobOnline = alice.createStanzaCollector(new AndFilter(
        StanzaTypeFilter.PRESENCE, stanza -> stanza.getFrom().asBareJid().toString().equals(jid("bob"))));
    XMPPTCPConnection bob = online("bob", "laptop");
    StanzaCollector atBob = bob.createStanzaCollector(MessageWithBodiesFilter.INSTANCE);
    // Bob is available once alice hears so: the chats then go to him, not to his offline queue.
    assertNotNull(bobOnline.nextResult(WAIT_SECONDS * 1000), "bob's presence did not reach alice");
    for (String body : List.of("one", "two", "three")) {
      chat(alice, "bob", body);
    }
    Message live = null;
    for (int i = 0; i < 3; i++) {
      live = atBob.nextResult(WAIT_SECONDS * 1000);
      assertNotNull(live, "a live message did not arrive");
    }
    StanzaIdElement liveId = StanzaIdElement.getStanzaId(live);
    assertNotNull(liveId, live.toXML().toString());

    XMPPTCPConnection phone = stack.login("bob", "phone");
    MamManager mam = MamManager.getInstanceFor(phone);
    assertTrue(mam.isSupported());
    List<Message> history = mam.queryMostRecentPage(JidCreate.bareFrom(jid("alice")), 10).getMessages();
    assertEquals(List.of("one", "two", "three"), history.stream().map(Message::getBody).toList());
  }

  @Test
  void healthShowsTheArchiveStore() throws Exception {
    JsonObject health = stack.health().bodyAsJsonObject();
    assertEquals(true, health.getJsonObject("archiveStore").getBoolean("up"), health.encode());
  }

  private XMPPTCPConnection online(String user, String resource) throws Exception {
    XMPPTCPConnection c = stack.login(user, resource);
    c.sendStanza(PresenceBuilder.buildPresence().build());
    return c;
  }

  private static void chat(XMPPTCPConnection from, String to, String body) throws Exception {
    from.sendStanza(MessageBuilder.buildMessage()
        .to(JidCreate.entityBareFrom(jid(to)))
        .ofType(Message.Type.chat)
        .setBody(body)
        .build());
  }
}
