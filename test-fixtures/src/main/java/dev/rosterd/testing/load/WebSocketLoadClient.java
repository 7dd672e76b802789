package dev.rosterd.testing.load;

import dev.rosterd.stanza.XmlEscape;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;

/**
 * A {@link WebLoadClient} over XMPP over WebSocket (RFC 7395): subprotocol {@code xmpp}, one
 * element per text message, {@code <open/>} and {@code <close/>} framing. Vert.x answers the
 * server's WebSocket pings, so an idle session stays open as a browser's does.
 */
final class WebSocketLoadClient extends WebLoadClient {
  static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

  private final WebSocketClient client;
  private final URI url;
  private final Promise<Void> closed = Promise.promise();
  private WebSocket socket;
  private ServerStream stream;

  WebSocketLoadClient(Vertx vertx, Context context, WebSocketClient client, URI url, LoadUsers users, String user,
      String resource, long stepTimeoutMs) {
    super(vertx, context, users, user, resource, stepTimeoutMs);
    this.client = client;
    this.url = url;
  }

  @Override
  Future<Void> connect() {
    int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equals("wss") ? 443 : 80;
    return client.connect(new WebSocketConnectOptions()
            .setHost(url.getHost()).setPort(port).setURI(url.getRawPath())
            .setSsl(url.getScheme().equals("wss"))
            .addSubProtocol("xmpp")
            // No Origin, as a client that is not a browser: c2s.web.allowedOrigins is for pages.
            .setAllowOriginHeader(false))
        .map(ws -> {
          socket = ws;
          // Every message is a whole element: they are read as children of one made-up root.
          stream = new ServerStream(this::element, () -> {});
          feed("<messages>");
          ws.textMessageHandler(this::feed);
          ws.closeHandler(v -> {
            ended("the server closed the WebSocket");
            closed.tryComplete();
          });
          ws.exceptionHandler(e -> ws.close());
          return null;
        });
  }

  private void feed(String message) {
    if (message.startsWith("<close")) {
      ended("the server closed the stream: " + message);
      return;
    }
    try {
      stream.feed(message.getBytes(StandardCharsets.UTF_8));
    } catch (XMLStreamException e) {
      ended("the server sent XML that does not parse: " + e.getMessage());
      socket.close();
    }
  }

  @Override
  void open(boolean restart) {
    socket.writeTextMessage("<open xmlns='" + FRAMING + "' to='" + XmlEscape.attribute(domain()) + "' version='1.0'/>");
  }

  @Override
  void send(String xml) {
    socket.writeTextMessage(xml);
  }

  @Override
  Future<Void> disconnect() {
    if (socket == null || socket.isClosed()) {
      return Future.succeededFuture();
    }
    socket.writeTextMessage("<close xmlns='" + FRAMING + "'/>");
    socket.close();
    return closed.future();
  }
}
