package dev.rosterd.c2s.transport.websocket;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser tab that stops reading (frozen, or an attacker) is held to {@code maxOutboundBytes} as
 * a TCP client is: past it its WebSocket is dropped at once, and the sender goes on.
 */
class WebSocketNotReadingTest {
  private static final int LIMIT = 65_536;
  private static final int MESSAGES = 200;
  private static final String BODY = "x".repeat(100_000);

  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("maxOutboundBytes", LIMIT)
      .put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true)));

  @Test
  void aWebSocketThatDoesNotReadIsCut() throws Exception {
    CompletableFuture<String> released = new CompletableFuture<>();
    server.vertx().eventBus().<JsonObject>consumer(Addresses.ROSTER_RELEASE, m -> {
      released.complete(RosterRelease.fromJson(m.body()).username());
      m.reply(new JsonObject());
    }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    // The JDK's WebSocket reads from the socket only as messages are requested, so once bob
    // requests no more, what the server sends him stays on the server's side.
    BlockingQueue<String> atBob = new LinkedBlockingQueue<>();
    StringBuilder partial = new StringBuilder();
    WebSocket.Listener listener = new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          atBob.add(partial.toString());
          partial.setLength(0);
        }
        return null;
      }
    };
    WebSocket bob = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("xmpp")
        .buildAsync(URI.create("ws://127.0.0.1:" + server.server().verticle.actualWebPort() + "/xmpp-websocket"), listener)
        .get(10, TimeUnit.SECONDS);
    try (RawXmppClient alice = RawXmppClient.connect(server.port())) {
      for (String m : List.of(WebSocketXmppClient.open(DOMAIN), C2sTestServer.plainAuth("bob", "builder"),
          WebSocketXmppClient.open(DOMAIN), WebSocketLoginTest.BIND.replace("browser", "b"))) {
        bob.sendText(m, true).get(10, TimeUnit.SECONDS);
      }
      // <open/>, features, <success/>, <open/>, features, the bind result: then bob reads no more.
      bob.request(6);
      for (int i = 0; i < 6; i++) {
        assertTrue(atBob.poll(10, TimeUnit.SECONDS) != null, "bob's login was answered");
      }

      C2sTestServer.authenticate(alice, "alice", "wonderland");
      alice.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
      alice.expect("</iq>");
      for (int i = 0; i < MESSAGES; i++) {
        alice.send("<message to='bob@rosterd.test/b' type='chat'><body>" + BODY + "</body></message>");
      }
      assertEquals("bob", released.get(30, TimeUnit.SECONDS));

      alice.send("<iq type='get' id='ping' to='rosterd.test'><ping xmlns='urn:xmpp:ping'/></iq>");
      String pong = alice.expect("id='ping'") + alice.expect(">");
      assertTrue(pong.contains("type='result'"), pong);
    } finally {
      bob.abort();
    }
  }
}
