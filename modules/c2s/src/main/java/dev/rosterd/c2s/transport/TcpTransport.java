package dev.rosterd.c2s.transport;

import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamFraming;
import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.stream.XmppStreamParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XMPP stream over a TCP socket (RFC 6120): bytes in through the streaming parser, one XML
 * document per stream, STARTTLS on the plain port, TLS from the first byte on the direct-TLS port
 * (XEP-0368).
 */
public final class TcpTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

  private final NetSocket socket;
  private final Context context;
  private final StreamLimits limits;
  private final ServerSSLOptions tls;
  private final OutboundBacklog outbound;
  private XmppStreamParser parser;
  private boolean secure;

  /**
   * @param limits the listener's limits, which each new stream's parser is made with
   * @param tls the certificate for STARTTLS
   * @param secured true on the direct-TLS port, where TLS is in place from the first byte
   * @param maxOutboundBytes what may wait to be written before {@link #write} says the client is not reading
   */
  public TcpTransport(NetSocket socket, Context context, StreamLimits limits, ServerSSLOptions tls,
      boolean secured, int maxOutboundBytes) {
    this.socket = socket;
    this.outbound = new OutboundBacklog(maxOutboundBytes);
    this.context = context;
    this.limits = limits;
    this.tls = tls;
    this.secure = secured;
    this.parser = limits.parser(false);
  }

  @Override
  public void start(Runnable readable, Runnable closed) {
    socket.handler(data -> received(data, readable));
    socket.closeHandler(v -> closed.run());
    socket.exceptionHandler(e -> {
      LOG.debug("connection {} failed: {}", peer(), e.toString());
      socket.close();
    });
  }

  private void received(Buffer data, Runnable readable) {
    parser.feed(data.getBytes());
    readable.run();
  }

  @Override
  public StreamEvent next() {
    return parser.next();
  }

  @Override
  public void restartStream(boolean authenticated) {
    parser = limits.parser(authenticated);
  }

  @Override
  public boolean write(String xml) {
    return outbound.write(xml, socket::write);
  }

  @Override
  public StreamFraming framing() {
    return StreamFraming.XML_STREAM;
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
    return !secure;
  }

  @Override
  public Future<Void> startTls(String proceed) {
    // Anything the client sent after <starttls/> in plain text is dropped with the old parser
    // (RFC 6120 §5.4.3.3 has the stream restart; keeping it would allow command injection).
    restartStream(false);
    // <proceed/> goes out as the upgrade message: Vert.x writes it after it has stopped reading,
    // just before the TLS handler goes in, so the client's ClientHello cannot reach us as text.
    return socket.upgradeToSsl(tls, (String) null, Buffer.buffer(proceed)).andThen(ar -> secure = ar.succeeded());
  }

  @Override
  public void close() {
    socket.close();
  }

  @Override
  public void abort() {
    // NetSocket.close() waits for what is queued to be written, which a client that does not read
    // never lets happen; the channel's own close drops it and closes now.
    ((NetSocketInternal) socket).channelHandlerContext().close();
  }

  @Override
  public String peer() {
    return String.valueOf(socket.remoteAddress());
  }

  @Override
  public String peerHost() {
    return socket.remoteAddress().hostAddress();
  }

  @Override
  public Context context() {
    return context;
  }
}
