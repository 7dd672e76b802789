package dev.rosterd.c2s.transport.websocket;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream management (XEP-0198) over WebSocket (RFC 7395), as a browser on a train sees it: its
 * WebSocket drops in the middle of 1,000 incoming messages, without {@code <close/>}; a new
 * WebSocket resumes the session with the old id and the count of what it handled, and gets what
 * it had not handled, so that it has every message exactly once, in order, and the session goes on
 * carrying its chats both ways.
 */
class WebSocketStreamManagementTest {
  private static final String SM = "xmlns='urn:xmpp:sm:3'";
  private static final Pattern ENABLED = Pattern.compile("^<enabled " + SM + " id='([^']+)' resume='true'");
  private static final Pattern BODY = Pattern.compile("<body>([^<]*)</body>");
  private static final int MESSAGES = 1000;
  private static final int CUT_AFTER = MESSAGES / 4;

  // bob's burst must not be slowed by the per-stream rate: the burst is the point.
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject()
      .put("stanzasPerSecond", 100_000).put("stanzaBurst", 1_000_000)
      .put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true)));

  @Test
  void aDroppedWebSocketResumesWithEveryMessageExactlyOnceInOrder() throws Exception {
    Inbox inbox = new Inbox();
    try (RawXmppClient bob = C2sTestServer.bound(RawXmppClient.connect(server.port()), "bob", "builder", "desk")) {
      String id;
      try (WebSocketXmppClient alice = authenticatedAlice()) {
        alice.send(WebSocketLoginTest.BIND);
        alice.nextWith("<jid>alice@" + DOMAIN + "/browser</jid>");
        alice.send("<enable " + SM + " resume='true'/>");
        String enabled = alice.nextWith("<enabled");
        Matcher m = ENABLED.matcher(enabled);
        assertTrue(m.find(), "resumable stream management enabled: " + enabled);
        id = m.group(1);

        bob.send(burst());
        while (inbox.bodies.size() < CUT_AFTER) {
          inbox.take(alice.next(), alice);
        }
        alice.drop();
      }
      int handled = inbox.handled;

      try (WebSocketXmppClient back = authenticatedAlice()) {
        back.send("<resume " + SM + " previd='" + id + "' h='" + handled + "'/>");
        // alice sent the server no stanza since <enable/>: it handled none of hers.
        assertEquals("<resumed " + SM + " previd='" + id + "' h='0'/>", back.next(), "resumed before anything else");
        while (inbox.bodies.size() < MESSAGES) {
          inbox.take(back.next(), back);
        }

        // The resumed WebSocket carries the session both ways, and nothing more comes before the
        // answer to alice's <r/>: no message twice.
        back.send("<message xmlns='jabber:client' to='bob@" + DOMAIN + "/desk' type='chat'><body>back</body></message>");
        assertTrue(bob.expect("back</body>").contains("from='alice@" + DOMAIN + "/browser'"));
        back.send("<r " + SM + "/>");
        String answer = back.next();
        while (!answer.startsWith("<a ")) {
          inbox.take(answer, back);
          answer = back.next();
        }
        assertEquals("<a " + SM + " h='1'/>", answer, "the server counted the one chat since <enable/>");
        back.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
        back.awaitClose();
      }
    }
    assertEquals(MESSAGES, inbox.bodies.size(), "exactly once: no duplicates");
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals("m" + i, inbox.bodies.get(i), "message " + i + " in order");
    }
  }

  /** bob's 1,000 chats to alice's browser, written at once. */
  private static String burst() {
    StringBuilder chats = new StringBuilder();
    for (int i = 0; i < MESSAGES; i++) {
      chats.append("<message type='chat' to='alice@").append(DOMAIN).append("/browser'><body>m").append(i)
          .append("</body></message>");
    }
    return chats.toString();
  }

  /** A new WebSocket of alice's, past SASL and the stream restart: ready to bind or to resume. */
  private WebSocketXmppClient authenticatedAlice() throws Exception {
    WebSocketXmppClient alice = WebSocketXmppClient.connect(server.vertx(), server.server().verticle.actualWebPort());
    alice.openStream(DOMAIN);
    alice.send(C2sTestServer.plainAuth("alice", "wonderland"));
    alice.nextWith("<success");
    String features = alice.openStream(DOMAIN).get(1);
    assertTrue(features.contains("<sm " + SM + "/>"), "stream management offered over WebSocket: " + features);
    return alice;
  }

  /**
   * What alice's client handled, across its WebSockets: the bodies of the chats in the order they
   * came, and XEP-0198's {@code h}, which counts every stanza and answers the server's {@code <r/>}.
   */
  private static final class Inbox {
    final List<String> bodies = new ArrayList<>();
    int handled;

    void take(String element, WebSocketXmppClient from) throws Exception {
      if (element.startsWith("<r " + SM)) {
        from.send("<a " + SM + " h='" + handled + "'/>");
      } else if (element.startsWith("<message") || element.startsWith("<iq") || element.startsWith("<presence")) {
        handled++;
        Matcher body = BODY.matcher(element);
        if (element.startsWith("<message") && body.find()) {
          bodies.add(body.group(1));
        }
      }
    }
  }
}
