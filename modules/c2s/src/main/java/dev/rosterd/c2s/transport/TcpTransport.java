package dev.rosterd.c2s.transport;

import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamFraming;
import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.stream.XmppStreamParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XMPP stream over a TCP socket (RFC 6120): bytes in through the streaming parser, one XML
 * document per stream, STARTTLS on the plain port, TLS from the first byte on the direct-TLS port
 * (XEP-0368).
 */
public final class TcpTransport implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

  private final TcpConnection connection;
  private final StreamLimits limits;
  private final Function<String, Future<Void>> startTls;
  private final OutboundBacklog outbound;
  private XmppStreamParser parser;
  private boolean secure;

  /**
   * @param limits the listener's limits, which each new stream's parser is made with
   * @param secured true on the direct-TLS port, where TLS is in place from the first byte
   * @param maxOutboundBytes what may wait to be written before {@link #write} says the client is not reading
   * @param startTls writes {@code <proceed/>} and upgrades the connection to TLS (the STARTTLS port)
   */
  TcpTransport(TcpConnection connection, StreamLimits limits, boolean secured, int maxOutboundBytes,
      Function<String, Future<Void>> startTls) {
    this.connection = connection;
    this.outbound = new OutboundBacklog(maxOutboundBytes);
    this.limits = limits;
    this.startTls = startTls;
    this.secure = secured;
    this.parser = limits.parser(false);
  }

  @Override
  public void start(Runnable readable, Runnable closed) {
    connection.input(bytes -> {
      parser.feed(bytes);
      readable.run();
    });
    connection.closeHandler(v -> closed.run());
    // Vert.x closes the channel after a failure; this only says why.
    connection.exceptionHandler(e -> LOG.debug("connection {} failed: {}", peer(), e.toString()));
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
    return outbound.write(xml, connection::write);
  }

  @Override
  public StreamFraming framing() {
    return StreamFraming.XML_STREAM;
  }

  @Override
  public void pause() {
    connection.doPause();
  }

  @Override
  public void resume() {
    connection.doResume();
  }

  @Override
  public boolean secure() {
    return secure;
  }

  @Override
  public boolean canStartTls() {
    return !secure;
  }

  /** The TLS engine of the connection, or null before TLS; for tests. */
  SSLEngine sslEngine() {
    return connection.sslEngine();
  }

  @Override
  public Future<Void> startTls(String proceed) {
    // Anything the client sent after <starttls/> in plain text is dropped with the old parser
    // (RFC 6120 §5.4.3.3 has the stream restart; keeping it would allow command injection).
    restartStream(false);
    return startTls.apply(proceed).andThen(ar -> secure = ar.succeeded());
  }

  @Override
  public void close() {
    connection.close();
  }

  @Override
  public void abort() {
    connection.abort();
  }

  @Override
  public String peer() {
    return String.valueOf(connection.remoteAddress());
  }

  @Override
  public String peerHost() {
    return connection.remoteAddress().hostAddress();
  }

  @Override
  public Context context() {
    return connection.context();
  }
}
