package dev.rosterd.c2s.transport.websocket;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.transport.websocket.WebSocketStreamErrorTest.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.RunningC2s;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plain-HTTP web listener that the operator has not said is behind a TLS proxy, while the c2s
 * requires encryption (the default): no mechanism may be offered there, and a WebSocket cannot start
 * TLS, so the stream is refused at once with {@code <policy-violation/>} rather than left waiting.
 */
class PlainWebSocketTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("web", new JsonObject().put("port", 0)));

  @Test
  void noLoginWithoutEncryption() throws Exception {
    try (WebSocketXmppClient c = WebSocketXmppClient.connect(server.vertx(), server.server().verticle.actualWebPort())) {
      c.send(WebSocketXmppClient.open(DOMAIN));
      WebSocketXmppClient.Closed closed = c.awaitClose();
      String error = assertStreamError(closed, "policy-violation");
      assertTrue(error.contains("requires encryption"), error);
      assertTrue(closed.messages().stream().noneMatch(m -> m.contains("PLAIN")), closed.messages().toString());
    }
  }
}
