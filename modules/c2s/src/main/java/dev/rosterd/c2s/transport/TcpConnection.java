package dev.rosterd.c2s.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.net.SslChannelProvider;
import io.vertx.core.internal.net.SslHandshakeCompletionHandler;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketImpl;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.net.impl.VertxHandler;
import io.vertx.core.spi.metrics.TCPMetrics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * One client's TCP connection, taken over from the {@link NetSocket} Vert.x accepted it as. It keeps
 * Vert.x's channel handling (reads held while paused, close, the server's connection and byte
 * metrics, the server's shutdown) but writes straight to the channel.
 *
 * <p>Why: a NetSocket has a write queue of its own for writers on other threads, and that queue's
 * first chunk (Netty's MPSC queue, 1,024 slots) is about 4.7 KB per socket, held for the life of
 * every idle session (docs/BENCHMARKS.md, "Memory per idle session"). Vert.x gives a connection
 * the direct path only in its HTTP server's strict thread mode. Every write here is made on the
 * connection's event loop ({@link Transport}: every method is called on its context), which is
 * what that mode asks; assertions check it in the tests.
 *
 * <p>The take-over is the one Vert.x's own HTTP server does with each socket it accepts: the
 * socket's handler in the channel pipeline is replaced by one that makes another connection. It
 * relies on Vert.x's internal connection classes, so every c2s test goes through it.
 */
final class TcpConnection extends VertxConnection {
  private final TCPMetrics<?> metrics;
  private Handler<byte[]> input = bytes -> { };

  private TcpConnection(ContextInternal context, ChannelHandlerContext chctx, TCPMetrics<?> metrics) {
    super(context, chctx, true);
    this.metrics = metrics;
  }

  /**
   * Replaces the socket Vert.x just accepted by a connection on the same channel. Called in the
   * server's connect handler, before any input of the client was handed on.
   */
  static TcpConnection takeOver(NetSocket accepted) {
    NetSocketImpl socket = (NetSocketImpl) accepted;
    // Taken out first: the new handler keeps its factory for the channel's life, and a factory
    // that held the socket would keep the socket's write queue alive, the very thing let go of.
    ContextInternal context = socket.context();
    TCPMetrics<?> metrics = socket.metrics();
    Object metric = socket.metric();
    VertxHandler<TcpConnection> handler = VertxHandler.create(chctx -> new TcpConnection(context, chctx, metrics));
    socket.channelHandlerContext().pipeline().replace(VertxHandler.class, "handler", handler);
    TcpConnection connection = handler.getConnection();
    // The server counted the connection in under this metric; the close counts it out.
    connection.metric(metric);
    return connection;
  }

  /** Where what the client sends goes, as it arrives, on the connection's context. */
  void input(Handler<byte[]> input) {
    this.input = input;
  }

  @Override
  protected void handleMessage(Object msg) {
    if (msg instanceof ByteBuf buf) {
      byte[] bytes = ByteBufUtil.getBytes(buf);
      buf.release();
      context.emit(bytes, input);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public TCPMetrics<?> metrics() {
    return metrics;
  }

  /** Writes {@code text} as UTF-8; the future completes when the kernel took it. */
  Future<Void> write(String text) {
    Promise<Void> written = context.promise();
    writeToChannel(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), written);
    return written.future();
  }

  /**
   * Writes {@code proceed} in plain text, then puts TLS in front of everything after it; the future
   * completes when the handshake did (RFC 6120 §5.4.3.3).
   *
   * <p>Both happen in this one event-loop task: input that arrived with {@code <starttls/>} was read
   * by then (the transport drops it with the old stream), and every byte read later passes through
   * TLS, so plain text can never reach the new stream. Netty reports the handshake done before it
   * hands on what came after it.
   */
  Future<Void> startTls(SslChannelProvider tls, String proceed, long handshakeTimeoutMs) {
    PromiseInternal<Void> secured = context.promise();
    ChannelPromise handshake = chctx.newPromise();
    handshake.addListener(secured);
    write(Unpooled.wrappedBuffer(proceed.getBytes(StandardCharsets.UTF_8)), true, voidPromise);
    chctx.pipeline().addFirst("handshaker", new SslHandshakeCompletionHandler(handshake));
    chctx.pipeline().addFirst("ssl", tls.createServerHandler(false, handshakeTimeoutMs, TimeUnit.MILLISECONDS, null));
    return secured.future();
  }

  /** The TLS engine in front of this connection, or null while there is none. */
  SSLEngine sslEngine() {
    SslHandler ssl = chctx.pipeline().get(SslHandler.class);
    return ssl == null ? null : ssl.engine();
  }

  /** Closes now, dropping what was not yet written (a close waits for it, which a client that does not read never lets happen). */
  void abort() {
    // The channel handler context's close starts below this connection's handler, so it does not
    // wait for the connection's own close, which flushes first.
    chctx.close();
  }
}
