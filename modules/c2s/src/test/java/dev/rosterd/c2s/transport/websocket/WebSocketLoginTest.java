package dev.rosterd.c2s.transport.websocket;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser's whole login over XMPP over WebSocket (RFC 7395) on a listener behind a TLS proxy:
 * open, features, SASL PLAIN, re-open, bind, and messages both ways with a TCP client.
 */
class WebSocketLoginTest {
  static final String BIND = "<iq xmlns='jabber:client' type='set' id='bind1'>"
      + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>browser</resource></bind></iq>";

  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject()
      .put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true)));

  private int webPort() {
    return server.server().verticle.actualWebPort();
  }

  @Test
  void logsInBindsAndChatsWithATcpClient() throws Exception {
    try (WebSocketXmppClient alice = WebSocketXmppClient.connect(server.vertx(), webPort());
        RawXmppClient bob = RawXmppClient.connect(server.port())) {
      assertEquals("xmpp", alice.subProtocol());

      List<String> opened = alice.openStream(DOMAIN);
      assertTrue(opened.get(0).startsWith("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='rosterd.test' id='"),
          opened.get(0));
      String features = opened.get(1);
      assertTrue(features.startsWith("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"), features);
      assertTrue(features.contains("<mechanism>PLAIN</mechanism>"), features);
      assertFalse(features.contains("starttls"), "no STARTTLS over WebSocket: " + features);

      alice.send(C2sTestServer.plainAuth("alice", "wonderland"));
      assertTrue(alice.next().startsWith("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'"));
      List<String> reopened = alice.openStream(DOMAIN);
      assertTrue(reopened.get(1).contains("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"), reopened.get(1));

      alice.send(BIND);
      String bound = alice.next();
      assertTrue(bound.startsWith("<iq xmlns='jabber:client'") && bound.contains("<jid>alice@rosterd.test/browser</jid>"),
          bound);

      C2sTestServer.authenticate(bob, "bob", "builder");
      bob.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desk</resource></bind></iq>");
      bob.expect("</iq>");

      alice.send("<message xmlns='jabber:client' to='bob@rosterd.test/desk' type='chat'><body>hi bob</body></message>");
      String atBob = bob.expect("</message>");
      assertTrue(atBob.contains("from='alice@rosterd.test/browser'") && atBob.contains("<body>hi bob</body>"), atBob);

      bob.send("<message to='alice@rosterd.test/browser' type='chat'><body>hi alice</body></message>");
      String atAlice = alice.nextWith("hi alice");
      // A WebSocket message stands alone, so the stanza declares its namespace (RFC 7395 §3.3.3).
      assertTrue(atAlice.startsWith("<message xmlns='jabber:client'") && atAlice.contains("from='bob@rosterd.test/desk'"),
          atAlice);

      alice.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
      WebSocketXmppClient.Closed closed = alice.awaitClose();
      assertEquals(List.of("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"), closed.messages());
      assertEquals(1000, closed.code());
    }
  }
}
