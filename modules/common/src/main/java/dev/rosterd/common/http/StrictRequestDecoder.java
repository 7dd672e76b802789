package dev.rosterd.common.http;

import dev.rosterd.common.http.RequestRejected.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's HTTP/1.x request decoder with two checks in front of it, one instance per connection:
 * it waits for a whole request head and checks it with {@link RequestFraming} and the head size
 * limit before Netty parses any of it, and it bounds the time one request may take to arrive.
 * Each refusal is handed on as an invalid request (a failed decoder result whose cause is a {@link
 * RequestRejected}), which Vert.x gives to the listener's invalid request handler and then closes
 * the connection; every byte after it is discarded.
 *
 * <p>It relies on Netty's decoder ending each message with a {@link LastHttpContent} before it
 * reads any byte of the next one, which is how the next head is found on a kept-alive connection.
 *
 * <p>When Vert.x closes a plain connection after answering a refused request, it closes lingering
 * (RFC 9112 §9.6): output first, then input once the client closes or {@link #LINGER_MS} later. A
 * client still sending (a slow one, or one whose body was never read) would otherwise get a reset
 * that makes its TCP stack drop the answer unread.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder implements ChannelOutboundHandler {
  static final long LINGER_MS = 2_000;

  private final HttpListenerLimits limits;
  private boolean atMessageStart = true;
  /** Bytes of the pending head already searched for its end, so a drip is not searched anew. */
  private int scanned;
  private boolean headDelivered;
  private boolean rejected;
  private ScheduledFuture<?> deadline;
  private boolean lingering;

  StrictRequestDecoder(HttpServerOptions options, HttpListenerLimits limits) {
    super(options);
    this.limits = limits;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    super.handlerAdded(ctx);
    // The first request's time runs from the connection's opening: a client that connects and
    // sends nothing holds a connection no longer than one that sends slowly.
    startDeadline(ctx);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
    cancelDeadline();
    super.handlerRemoved0(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelDeadline();
    super.channelInactive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (rejected) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (atMessageStart) {
      if (!headReady(ctx, in, out)) {
        return;
      }
      atMessageStart = false;
      scanned = 0;
    }
    int before = out.size();
    super.decode(ctx, in, out);
    for (int i = before; i < out.size(); i++) {
      if (out.get(i) instanceof HttpObject o && o.decoderResult().isFailure()) {
        rejected = true; // Netty refused it itself; Vert.x answers and closes
        cancelDeadline();
        return;
      }
      headDelivered |= out.get(i) instanceof HttpRequest;
      if (out.get(i) instanceof LastHttpContent) {
        cancelDeadline();
        atMessageStart = true;
        headDelivered = false;
      }
    }
  }

  /** Whether a complete, acceptable head is at the reader index; false while waiting or refused. */
  private boolean headReady(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.isReadable() && deadline == null) {
      startDeadline(ctx);
    }
    // Empty lines before a request line are ignored (RFC 9112 §2.2), as Netty would.
    while (scanned == 0 && in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
      in.skipBytes(1);
    }
    int end = headEnd(in);
    int size = end < 0 ? in.readableBytes() : end - in.readerIndex();
    if (size > limits.maxHeaderBytes()) {
      reject(out, in, Reason.HEAD_TOO_LARGE, "request head larger than " + limits.maxHeaderBytes() + " bytes");
      return false;
    }
    if (end < 0) {
      return false;
    }
    Optional<String> problem = RequestFraming.problem(in.toString(in.readerIndex(), size, StandardCharsets.ISO_8859_1));
    if (problem.isPresent()) {
      reject(out, in, Reason.FRAMING, "request framing rejected: " + problem.get());
      return false;
    }
    return true;
  }

  /** The index just past the empty line that ends the head (LF, then CRLF or LF), or -1. */
  private int headEnd(ByteBuf in) {
    int start = in.readerIndex();
    int limit = in.writerIndex();
    for (int i = start + Math.max(0, scanned - 2); i < limit; i++) {
      if (in.getByte(i) != '\n') {
        continue;
      }
      if (i + 1 < limit && in.getByte(i + 1) == '\n') {
        return i + 2;
      }
      if (i + 2 < limit && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
        return i + 3;
      }
    }
    scanned = in.readableBytes();
    return -1;
  }

  private void reject(List<Object> out, ByteBuf in, Reason reason, String message) {
    in.skipBytes(in.readableBytes());
    out.add(invalid(reason, message));
  }

  private HttpMessage invalid(Reason reason, String message) {
    rejected = true;
    cancelDeadline();
    HttpMessage request = createInvalidMessage();
    request.setDecoderResult(DecoderResult.failure(new RequestRejected(reason, message)));
    return request;
  }

  private void startDeadline(ChannelHandlerContext ctx) {
    cancelDeadline();
    deadline = ctx.executor().schedule(() -> timedOut(ctx), limits.requestReadTimeoutMs(), TimeUnit.MILLISECONDS);
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (!rejected || lingering || !(ctx.channel() instanceof DuplexChannel channel)
        || ctx.pipeline().get(SslHandler.class) != null) {
      ctx.close(promise); // TLS ends with its own close_notify instead
      return;
    }
    lingering = true;
    ctx.flush();
    channel.shutdownOutput();
    ctx.executor().schedule(() -> ctx.close(promise), LINGER_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void bind(ChannelHandlerContext ctx, SocketAddress local, ChannelPromise promise) {
    ctx.bind(local, promise);
  }

  @Override
  public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
    ctx.connect(remote, local, promise);
  }

  @Override
  public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
    ctx.disconnect(promise);
  }

  @Override
  public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
    ctx.deregister(promise);
  }

  @Override
  public void read(ChannelHandlerContext ctx) {
    ctx.read();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  private void timedOut(ChannelHandlerContext ctx) {
    deadline = null;
    if (rejected || !ctx.channel().isActive()) {
      return;
    }
    if (headDelivered) {
      // A handler has the request and may be answering it already: nothing more can be said.
      rejected = true;
      ctx.close();
      return;
    }
    ctx.fireChannelRead(invalid(Reason.TIMEOUT,
        "the request did not arrive whole within " + limits.requestReadTimeoutMs() + " ms"));
    // As after a read from the socket: Vert.x flushes what it wrote in a read when the read completes.
    ctx.fireChannelReadComplete();
  }
}
