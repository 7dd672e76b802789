package dev.rosterd.c2s.transport.websocket;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw RFC 7395 client for tests: a Vert.x WebSocket with the subprotocol {@code xmpp}, sending
 * text messages as given and collecting each message the server sends, in order. Called from the
 * test thread; every wait is on an event, bounded by {@link #TIMEOUT_S}.
 */
final class WebSocketXmppClient implements AutoCloseable {
  static final long TIMEOUT_S = 10;
  static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

  // Vert.x closes a WebSocketClient, and its connections, once the client is garbage: held here,
  // it lives as long as its WebSocket (unheld, a GC during a test dropped the handshake).
  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private WebSocketXmppClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(received::add);
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
  }

  /** Connects to {@code /xmpp-websocket} on the loopback port {@code port}, asking for {@code xmpp}. */
  static WebSocketXmppClient connect(Vertx vertx, int port) throws Exception {
    return connect(vertx, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/xmpp-websocket").addSubProtocol("xmpp").setAllowOriginHeader(false));
  }

  static WebSocketXmppClient connect(Vertx vertx, WebSocketConnectOptions options) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions());
    return new WebSocketXmppClient(client, await(client.connect(options)));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  /** The {@code <open/>} a client starts (and restarts) its stream with. */
  static String open(String to) {
    return "<open xmlns='" + FRAMING + "' to='" + to + "' version='1.0'/>";
  }

  String subProtocol() {
    return socket.subProtocol();
  }

  WebSocketXmppClient send(String message) throws Exception {
    await(socket.writeTextMessage(message));
    return this;
  }

  WebSocketXmppClient sendBinary(byte[] data) throws Exception {
    await(socket.writeBinaryMessage(Buffer.buffer(data)));
    return this;
  }

  /** The next message from the server. */
  String next() throws Exception {
    String m = received.poll(TIMEOUT_S, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message from the server in " + TIMEOUT_S + " s");
    }
    return m;
  }

  /** Skips messages until one containing {@code text}, and returns it. */
  String nextWith(String text) throws Exception {
    List<String> skipped = new ArrayList<>();
    while (true) {
      String m = received.poll(TIMEOUT_S, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no message with \"" + text + "\" in " + TIMEOUT_S + " s; got " + skipped);
      }
      if (m.contains(text)) {
        return m;
      }
      skipped.add(m);
    }
  }

  /** Opens (or re-opens) the stream; returns the server's {@code <open/>} and its features. */
  List<String> openStream(String to) throws Exception {
    send(open(to));
    return List.of(next(), next());
  }

  /** Waits until the server closes the WebSocket; returns the messages it sent before, and the close code. */
  Closed awaitClose() throws Exception {
    short code = closed.get(TIMEOUT_S, TimeUnit.SECONDS);
    List<String> rest = new ArrayList<>();
    received.drainTo(rest);
    return new Closed(rest, code);
  }

  record Closed(List<String> messages, short code) {}

  /**
   * Drops the connection as a network does: the TCP connection is closed under the WebSocket, with
   * neither {@code <close/>} nor a WebSocket close frame (Vert.x has no public call for that, so
   * its channel is closed). Returns once the socket is closed; what the server sent after the
   * messages already taken with {@link #next} is lost with it.
   */
  void drop() throws Exception {
    if (!(socket instanceof WebSocketInternal internal)) {
      throw new IllegalStateException("cannot reach the connection of " + socket.getClass());
    }
    internal.channelHandlerContext().close();
    closed.get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (!closed.isDone()) {
      await(socket.close());
    }
    await(client.close());
  }
}
