package dev.rosterd.c2s.transport.websocket;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.TestTls;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web listener with {@code tls} (wss://, the c2s's certificate) counts as encrypted: SASL is
 * offered with no proxy in front. The server pings the idle WebSocket, so proxies keep it open.
 */
class SecureWebSocketTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject()
      .put("web", new JsonObject().put("port", 0).put("tls", true).put("pingSeconds", 1).put("idleTimeoutSeconds", 5)));

  @Test
  void wssOffersSaslAndIsPinged() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    CompletableFuture<Void> pinged = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        received.add(data.toString());
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        pinged.complete(null);
        ws.request(1);
        return null;
      }
    };
    HttpClient client = HttpClient.newBuilder().sslContext(TestTls.clientContext()).build();
    WebSocket ws = client.newWebSocketBuilder().subprotocols("xmpp")
        .buildAsync(URI.create("wss://localhost:" + server.server().verticle.actualWebPort() + "/xmpp-websocket"),
            listener)
        .get(10, TimeUnit.SECONDS);
    try {
      ws.sendText(WebSocketXmppClient.open(DOMAIN), true).get(10, TimeUnit.SECONDS);
      String open = received.poll(10, TimeUnit.SECONDS);
      assertTrue(open != null && open.startsWith("<open "), String.valueOf(open));
      String features = received.poll(10, TimeUnit.SECONDS);
      assertTrue(features != null && features.contains("<mechanism>PLAIN</mechanism>"), String.valueOf(features));
      pinged.get(10, TimeUnit.SECONDS);
    } finally {
      ws.abort();
    }
  }
}
