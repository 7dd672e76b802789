package dev.rosterd.c2s.transport.websocket;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.RunningC2s;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input that breaks an RFC 7395 stream ends it as on TCP, in WebSocket framing: the server's
 * {@code <open/>} if it had sent none, the {@code <stream:error/>} (declaring its prefix), {@code
 * <close/>}, each a message of its own, and then the WebSocket is closed.
 */
class WebSocketStreamErrorTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("maxStanzaBytes", 1024)
      .put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true)));

  private WebSocketXmppClient opened() throws Exception {
    WebSocketXmppClient c = WebSocketXmppClient.connect(server.vertx(), server.server().verticle.actualWebPort());
    c.openStream(DOMAIN);
    return c;
  }

  /** Asserts the stream ended with {@code condition}, then {@code <close/>}, then the WebSocket's close. */
  static String assertStreamError(WebSocketXmppClient.Closed closed, String condition) {
    List<String> m = closed.messages();
    assertTrue(m.size() >= 2, "expected an error and <close/>, got " + m);
    String error = m.get(m.size() - 2);
    assertTrue(error.startsWith("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><" + condition
        + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), "expected " + condition + ", got " + m);
    assertEquals("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>", m.get(m.size() - 1));
    return error;
  }

  @Test
  void notWellFormed() throws Exception {
    try (WebSocketXmppClient c = opened()) {
      c.send("<message xmlns='jabber:client'><body>hi</message>");
      assertStreamError(c.awaitClose(), "not-well-formed");
    }
  }

  @Test
  void restrictedXml() throws Exception {
    try (WebSocketXmppClient c = opened()) {
      c.send("<message xmlns='jabber:client'><!-- a comment --></message>");
      assertStreamError(c.awaitClose(), "restricted-xml");
    }
  }

  @Test
  void oversizedStanza() throws Exception {
    try (WebSocketXmppClient c = opened()) {
      c.send("<message xmlns='jabber:client'><body>" + "x".repeat(2000) + "</body></message>");
      String error = assertStreamError(c.awaitClose(), "policy-violation");
      assertTrue(error.contains("stanza larger than 1024 bytes"), error);
    }
  }

  @Test
  void anotherDomain() throws Exception {
    try (WebSocketXmppClient c = WebSocketXmppClient.connect(server.vertx(), server.server().verticle.actualWebPort())) {
      c.send(WebSocketXmppClient.open("elsewhere.example"));
      WebSocketXmppClient.Closed closed = c.awaitClose();
      // No <open/> of ours yet: the error comes in a stream the server opens for it.
      assertTrue(closed.messages().get(0).startsWith("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'"),
          closed.messages().toString());
      assertStreamError(closed, "host-unknown");
    }
  }

  @Test
  void twoElementsInOneMessage() throws Exception {
    try (WebSocketXmppClient c = opened()) {
      c.send("<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>");
      String error = assertStreamError(c.awaitClose(), "bad-format");
      assertTrue(error.contains("exactly one XML element") && error.contains("held more"), error);
    }
  }

  @Test
  void noElementInAMessage() throws Exception {
    try (WebSocketXmppClient c = opened()) {
      c.send("   ");
      String error = assertStreamError(c.awaitClose(), "bad-format");
      assertTrue(error.contains("held none"), error);
    }
  }

  @Test
  void aBinaryMessage() throws Exception {
    try (WebSocketXmppClient c = opened()) {
      c.sendBinary("<presence xmlns='jabber:client'/>".getBytes(StandardCharsets.UTF_8));
      String error = assertStreamError(c.awaitClose(), "bad-format");
      assertTrue(error.contains("binary WebSocket messages are not allowed"), error);
    }
  }

  @Test
  void aStanzaInsteadOfOpen() throws Exception {
    try (WebSocketXmppClient c = WebSocketXmppClient.connect(server.vertx(), server.server().verticle.actualWebPort())) {
      c.send("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='rosterd.test'"
          + " version='1.0'/>");
      assertStreamError(c.awaitClose(), "invalid-namespace");
    }
  }

  @Test
  void aStanzaBeforeAuthentication() throws Exception {
    try (WebSocketXmppClient c = opened()) {
      c.send("<message xmlns='jabber:client' to='bob@rosterd.test'><body>hi</body></message>");
      assertStreamError(c.awaitClose(), "not-authorized");
    }
  }
}
