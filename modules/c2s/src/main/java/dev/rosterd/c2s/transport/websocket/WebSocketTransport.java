package dev.rosterd.c2s.transport.websocket;

import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamFraming;
import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.transport.OutboundBacklog;
import dev.rosterd.c2s.transport.Transport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.http.WebSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XMPP stream over a WebSocket (RFC 7395, subprotocol {@code xmpp}): each text message is one
 * element, parsed by {@link WebSocketMessages}; the stream is opened and closed by {@code <open/>}
 * and {@code <close/>}. No STARTTLS: the connection is secure when the listener speaks TLS or a
 * TLS-terminating proxy is in front of it, as the operator says. The server pings every {@code
 * pingSeconds} so that proxies keep an idle connection open; pongs are not client traffic, so they
 * do not hold off the c2s's idle time-out.
 */
public final class WebSocketTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

  private final ServerWebSocket socket;
  private final Context context;
  private final WebSocketMessages messages;
  private final OutboundBacklog outbound;
  private final boolean secure;
  private final int pingSeconds;
  private final String peerHost;
  private long pinger = -1;

  /**
   * @param limits the listener's limits, which each message's parser is made with
   * @param secure true on a TLS listener or behind a TLS-terminating proxy
   * @param maxOutboundBytes what may wait to be written before {@link #write} says the client is not reading
   * @param pingSeconds the interval of the server's WebSocket pings
   * @param peerHost the client's IP address (the socket's, or the proxy's word for it)
   */
  public WebSocketTransport(ServerWebSocket socket, Context context, StreamLimits limits,
      boolean secure, int maxOutboundBytes, int pingSeconds, String peerHost) {
    this.socket = socket;
    this.outbound = new OutboundBacklog(maxOutboundBytes);
    this.context = context;
    this.messages = new WebSocketMessages(limits);
    this.secure = secure;
    this.pingSeconds = pingSeconds;
    this.peerHost = peerHost;
  }

  @Override
  public void start(Runnable readable, Runnable closed) {
    socket.frameHandler(frame -> received(frame, readable));
    socket.closeHandler(v -> {
      context.owner().cancelTimer(pinger);
      closed.run();
    });
    socket.exceptionHandler(e -> {
      LOG.debug("WebSocket {} failed: {}", peer(), e.toString());
      socket.close();
    });
    pinger = context.owner().setPeriodic(pingSeconds * 1000L, id -> socket.writePing(Buffer.buffer()));
  }

  private void received(WebSocketFrame frame, Runnable readable) {
    if (frame.isText() || frame.isContinuation()) {
      messages.text(frame.binaryData().getBytes(), frame.isContinuation(), frame.isFinal());
    } else if (frame.isBinary()) {
      messages.binary();
    } else {
      return; // ping, pong and close are the WebSocket's own business
    }
    readable.run();
  }

  @Override
  public StreamEvent next() {
    return messages.next();
  }

  @Override
  public void restartStream(boolean authenticated) {
    messages.restart(authenticated);
  }

  @Override
  public boolean write(String xml) {
    return outbound.write(QualifiedXml.of(xml), socket::writeTextMessage);
  }

  @Override
  public StreamFraming framing() {
    return WebSocketFraming.INSTANCE;
  }

  @Override
  public void pause() {
    socket.pause();
  }

  @Override
  public void resume() {
    socket.resume();
  }

  @Override
  public boolean secure() {
    return secure;
  }

  @Override
  public boolean canStartTls() {
    return false;
  }

  @Override
  public Future<Void> startTls(String proceed) {
    return Future.failedFuture(new IllegalStateException("no STARTTLS over WebSocket"));
  }

  @Override
  public void close() {
    // RFC 7395 §3.6: after <close/> the server closes the WebSocket with a normal close.
    socket.close();
  }

  @Override
  public void abort() {
    // WebSocket.close() sends a close frame behind what is queued and waits for the client's,
    // which a client that does not read never sends; the channel's own close drops it all now.
    if (socket instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().close();
    } else {
      socket.close(); // a wrapper (vertx-web's) hides the connection: the closing handshake is all we have
    }
  }

  @Override
  public String peer() {
    return String.valueOf(socket.remoteAddress()) + " (WebSocket)";
  }

  @Override
  public String peerHost() {
    return peerHost;
  }

  @Override
  public Context context() {
    return context;
  }
}
