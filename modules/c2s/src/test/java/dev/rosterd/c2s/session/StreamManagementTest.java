package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.MessageStored;
import dev.rosterd.common.bus.NodeLeft;
import dev.rosterd.common.session.SessionAddressing;
import io.vertx.core.eventbus.DeliveryOptions;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stream management (XEP-0198) as a client on a raw socket sees it: acknowledgements both ways, the
 * server asking for them, resumption after the connection drops (what the client had not
 * acknowledged comes again, in order, and the resumed stream carries the session both ways), ids
 * that do not resume, and what becomes of unacknowledged stanzas when a session ends for good.
 */
@ExtendWith(VertxExtension.class)
class StreamManagementTest {
  private static final String SM = "xmlns='urn:xmpp:sm:3'";
  private static final Pattern ID = Pattern.compile("<enabled " + SM + " id='([^']+)' resume='true' max='(\\d+)'/>");

  private SmackServer server;

  private void start(Vertx vertx, JsonObject streamManagement) throws Exception {
    server = new SmackServer();
    server.start(vertx, new JsonObject().put("streamManagement", streamManagement))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    server.cache.roster("alice", "a1", item("bob@rosterd.test", "Bob"));
    server.cache.roster("bob", "b1", item("alice@rosterd.test", "Alice"));
  }

  private RawXmppClient bound(String user, String resource) throws Exception {
    return C2sTestServer.bound(RawXmppClient.connect(server.port()), user, SmackServer.PASSWORD, resource);
  }

  private RawXmppClient authenticated(String user) throws Exception {
    RawXmppClient c = RawXmppClient.connect(server.port());
    String features = C2sTestServer.authenticate(c, user, SmackServer.PASSWORD);
    assertTrue(features.contains("<sm " + SM + "/>"), features);
    return c;
  }

  /** Enables resumable stream management on {@code c}; returns the session's id. */
  private static String enableResumption(RawXmppClient c) throws Exception {
    c.send("<enable " + SM + " resume='true'/>");
    Matcher enabled = ID.matcher(c.expect("/>"));
    assertTrue(enabled.find(), "enabled with an id, resume and max");
    return enabled.group(1);
  }

  private static void chat(RawXmppClient from, String to, String body) throws Exception {
    from.send("<message type='chat' to='" + to + "'><body>" + body + "</body></message>");
  }

  @Test
  void countsWhatTheClientSentAndAsksForAcknowledgements(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("requestAckEvery", 3));
    RawXmppClient alice = bound("alice", "phone");
    RawXmppClient bob = bound("bob", "b");
    alice.send("<enable " + SM + "/>");
    assertEquals("<enabled " + SM + "/>", alice.expect("/>").trim());
    alice.send("<r " + SM + "/>");
    alice.expect("<a " + SM + " h='0'/>");
    C2sTestServer.ping(alice, "p1");
    alice.send("<r " + SM + "/>");
    alice.expect("<a " + SM + " h='1'/>");

    // The ping's answer was the first stanza counted; two chats later the server asks.
    chat(bob, "alice@rosterd.test/phone", "one");
    chat(bob, "alice@rosterd.test/phone", "two");
    String received = alice.expect("<r " + SM + "/>");
    assertTrue(received.indexOf("two") < received.indexOf("<r "), received);
    alice.send("<a " + SM + " h='3'/>");
    // Acknowledging more than was sent ends the stream.
    alice.send("<a " + SM + " h='4'/>");
    C2sTestServer.assertStreamError(alice.awaitClose(), "undefined-condition");
  }

  /**
   * Issue 11's guarantee on a managed stream: the server acknowledges a chat only once the archive
   * piece committed it. The stand-in archive commits a while after it is asked; the {@code <a/>}
   * that counts the chat comes after that.
   */
  @Test
  void aChatIsAcknowledgedOnlyAfterTheArchiveCommittedIt(Vertx vertx) throws Exception {
    start(vertx, new JsonObject());
    AtomicBoolean committed = new AtomicBoolean();
    vertx.eventBus().<JsonObject>consumer(Addresses.ARCHIVE_STORE, request -> vertx.setTimer(300, t -> {
      committed.set(true);
      request.reply(new MessageStored("s1", Instant.now(), false, List.of("bob@rosterd.test")).toJson());
    })).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    RawXmppClient alice = bound("alice", "phone");
    RawXmppClient bob = bound("bob", "b");
    alice.send("<enable " + SM + "/>");
    alice.expect("<enabled");
    chat(alice, "bob@rosterd.test/b", "kept first");
    alice.send("<r " + SM + "/>");
    alice.expect("<a " + SM + " h='1'/>");
    assertTrue(committed.get(), "acknowledged before the archive committed the chat");
    bob.expect("kept first");
  }

  @Test
  void aDroppedConnectionResumesWithWhatWasNotAcknowledged(Vertx vertx) throws Exception {
    start(vertx, new JsonObject());
    RawXmppClient alice = bound("alice", "phone");
    String id = enableResumption(alice);
    RawXmppClient bob = bound("bob", "b");
    C2sTestServer.ping(alice, "p1");
    chat(bob, "alice@rosterd.test/phone", "m1");
    chat(bob, "alice@rosterd.test/phone", "m2");
    alice.expect("m2");
    // The ping's answer and m1 are acknowledged; m2 is not. The <r/>'s answer shows the server
    // took the <a/> (it reads in order) and counted the one ping.
    alice.send("<a " + SM + " h='2'/><r " + SM + "/>");
    alice.expect("<a " + SM + " h='1'/>");
    alice.abort();
    chat(bob, "alice@rosterd.test/phone", "m3");

    // Someone else's account cannot take the session over with its id.
    RawXmppClient mallory = authenticated("bob");
    mallory.send("<resume " + SM + " previd='" + id + "' h='2'/>");
    mallory.expect("<failed " + SM + "><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");

    RawXmppClient back = authenticated("alice");
    back.send("<resume " + SM + " previd='" + id + "' h='2'/>");
    String resumed = back.expect("m3");
    int at = resumed.indexOf("<resumed " + SM + " previd='" + id + "' h='1'/>");
    assertTrue(at >= 0, resumed);
    assertTrue(at < resumed.indexOf("m2") && resumed.indexOf("m2") < resumed.indexOf("m3"), resumed);
    assertFalse(resumed.contains("m1"), "acknowledged before the drop: not sent again\n" + resumed);

    // The resumed stream carries the session both ways.
    C2sTestServer.ping(back, "p2");
    chat(bob, "alice@rosterd.test/phone", "m4");
    back.expect("m4");
    chat(back, "bob@rosterd.test/b", "answer");
    assertTrue(bob.expect("answer").contains("from='alice@rosterd.test/phone'"));
    back.send("<r " + SM + "/>");
    back.expect("<a " + SM + " h='3'/>");
  }

  /**
   * A stream relaying a resumed session ends when the session's node is reported gone from the
   * cluster, instead of relaying into nothing. (On one node the report is about the node itself,
   * which is enough to show the relay ends; a real departure is the survivor's view of the same.)
   */
  @Test
  void aRelayEndsWhenTheSessionsNodeLeaves(Vertx vertx) throws Exception {
    start(vertx, new JsonObject());
    RawXmppClient alice = bound("alice", "phone");
    String id = enableResumption(alice);
    alice.abort();
    RawXmppClient back = authenticated("alice");
    back.send("<resume " + SM + " previd='" + id + "' h='0'/>");
    back.expect("<resumed");
    vertx.eventBus().request(Addresses.NODE_LEFT, new NodeLeft(SessionAddressing.nodeId(vertx)).toJson(),
        new DeliveryOptions().setLocalOnly(true));
    C2sTestServer.assertStreamError(back.awaitClose(), "system-shutdown");
  }

  @Test
  void anIdThatResumesNothingFailsAndTheStreamCanBindAfresh(Vertx vertx) throws Exception {
    start(vertx, new JsonObject());
    RawXmppClient alice = authenticated("alice");
    alice.send("<enable " + SM + "/>");
    alice.expect("<failed " + SM + "><unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");
    alice.send("<resume " + SM + " previd='cm9zdGVyZC5zZXNzaW9uLm5vd2hlcmU.00' h='0'/>");
    alice.expect("<failed " + SM + "><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");
    alice.send("<resume " + SM + " previd='not an id' h='0'/>");
    alice.expect("<failed " + SM + "><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>");
    alice.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>fresh</resource></bind></iq>");
    assertTrue(alice.expect("</iq>").contains("alice@rosterd.test/fresh"));
    C2sTestServer.ping(alice, "p1");
  }

  @Test
  void aSessionNotResumedInTimeEndsAndItsContactsHearIt(Vertx vertx) throws Exception {
    start(vertx, new JsonObject().put("resumeSeconds", 1));
    RawXmppClient bob = bound("bob", "b");
    bob.send("<presence/>");
    RawXmppClient alice = bound("alice", "phone");
    String id = enableResumption(alice);
    alice.send("<presence/>");
    bob.expect("from='alice@rosterd.test/phone'");
    alice.abort();
    // While alice may still come back she stays available; once the window closed, she is gone.
    String gone = bob.expect("type='unavailable'");
    assertTrue(gone.contains("alice@rosterd.test/phone"), gone);
    RawXmppClient late = authenticated("alice");
    late.send("<resume " + SM + " previd='" + id + "' h='0'/>");
    late.expect("<item-not-found");
  }

  @Test
  void whatASessionEndedWithoutAcknowledgingGoesToTheUsersOtherResource(Vertx vertx) throws Exception {
    start(vertx, new JsonObject());
    RawXmppClient laptop = bound("alice", "laptop");
    laptop.send("<presence/>");
    RawXmppClient phone = bound("alice", "phone");
    phone.send("<enable " + SM + "/>");
    phone.expect("<enabled");
    RawXmppClient bob = bound("bob", "b");
    chat(bob, "alice@rosterd.test/phone", "to the phone");
    phone.expect("to the phone");
    phone.abort();
    String redelivered = laptop.expect("to the phone");
    assertTrue(redelivered.contains("from='bob@rosterd.test/b'"), redelivered);
  }
}
