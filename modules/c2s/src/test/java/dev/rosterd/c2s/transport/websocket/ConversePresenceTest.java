package dev.rosterd.c2s.transport.websocket;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The presence Converse.js 14 sends over WebSocket reaches a TCP client whole and readable: the
 * bytes bob is sent, and Smack (bob's client in the browser test) parsing them. Its vCard update
 * element is one Smack has no provider for, so Smack's generic extension parser reads it; that
 * parser asserts the StAX contract (a default namespace declaration has a null prefix), which
 * Aalto, the c2s's parser, breaks when it is also Smack's StAX provider (see test-fixtures).
 */
class ConversePresenceTest {
  /** As Converse.js 14 (Strophe) wrote it, with a {@code to} added: these users share no roster. */
  private static final String CONVERSE_PRESENCE = "<presence xmlns=\"jabber:client\" to=\"bob@" + DOMAIN + "/phone\">"
      + "<priority>0</priority><x xmlns=\"vcard-temp:x:update\"/>"
      + "<c xmlns=\"http://jabber.org/protocol/caps\" hash=\"sha-1\" node=\"https://conversejs.org\""
      + " ver=\"aU8gtptxi4fPJB8IPibd7tJbTLE=\"/></presence>";

  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject()
      .put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true)));

  @Test
  void aTcpClientIsSentThePresenceWithItsExtensionsInTheirNamespaces() throws Exception {
    try (WebSocketXmppClient alice = boundAlice();
        RawXmppClient bob = C2sTestServer.bound(RawXmppClient.connect(server.port()), "bob", "builder", "phone")) {
      alice.send(CONVERSE_PRESENCE);
      assertEquals("<presence to='bob@" + DOMAIN + "/phone' from='alice@" + DOMAIN + "/browser'>"
          + "<priority>0</priority><x xmlns='vcard-temp:x:update'/>"
          + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://conversejs.org'"
          + " ver='aU8gtptxi4fPJB8IPibd7tJbTLE='/></presence>", bob.expect("</presence>").strip());
    }
  }

  @Test
  void smackReadsThePresenceAndKeepsReading() throws Exception {
    XMPPTCPConnection bob = XmppClients.login(DOMAIN, server.port(), "bob", "builder", "PLAIN", "phone");
    CompletableFuture<Presence> heard = new CompletableFuture<>();
    CompletableFuture<String> after = new CompletableFuture<>();
    bob.addAsyncStanzaListener(s -> heard.complete((Presence) s),
        new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createFull(JidCreate.from("alice@" + DOMAIN + "/browser"))));
    bob.addAsyncStanzaListener(s -> after.complete(s.toXML().toString()), StanzaTypeFilter.MESSAGE);
    try (WebSocketXmppClient alice = boundAlice()) {
      alice.send(CONVERSE_PRESENCE);
      Presence p = heard.get(WebSocketXmppClient.TIMEOUT_S, TimeUnit.SECONDS);
      assertEquals("alice@" + DOMAIN + "/browser", p.getFrom().toString());
      assertNotNull(p.getExtensionElement("x", "vcard-temp:x:update"), p.toXML().toString());
      alice.send("<message xmlns='jabber:client' to='bob@" + DOMAIN + "/phone' type='chat'><body>after</body></message>");
      assertTrue(after.get(WebSocketXmppClient.TIMEOUT_S, TimeUnit.SECONDS).contains("after"), "bob's reader still reads");
    } finally {
      bob.disconnect();
    }
  }

  private WebSocketXmppClient boundAlice() throws Exception {
    WebSocketXmppClient alice = WebSocketXmppClient.connect(server.vertx(), server.server().verticle.actualWebPort());
    alice.openStream(DOMAIN);
    alice.send(C2sTestServer.plainAuth("alice", "wonderland"));
    alice.nextWith("<success");
    alice.openStream(DOMAIN);
    alice.send(WebSocketLoginTest.BIND);
    alice.nextWith("<jid>");
    return alice;
  }
}
