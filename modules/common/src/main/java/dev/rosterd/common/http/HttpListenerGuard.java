package dev.rosterd.common.http;

import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.shareddata.Shareable;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds an HTTP/1.1 listener to its {@link HttpListenerLimits} and to {@link RequestFraming}: a
 * connection cap, an idle timeout, a whole-request read timeout, a head size limit, and framing
 * that cannot be read two ways. Use: {@code vertx.createHttpServer(guard.options(base))}, then
 * {@code guard.install(server)} before {@code listen}; one guard per verticle instance, for all
 * of its listeners that share one cap.
 *
 * <p>Vert.x has no public hook for its request decoder, so {@link #install} swaps the decoder of
 * each new connection's Netty pipeline for a {@link StrictRequestDecoder}; should a Vert.x upgrade
 * change that pipeline, every connection is closed at once (and logged) rather than served
 * unchecked, and the listener's tests fail.
 */
public final class HttpListenerGuard {
  /**
   * Counter, tags {@code listener} and {@code reason} ({@code too-many-connections}, {@code
   * framing}, {@code request-timeout}, {@code head-too-large}, {@code line-too-long}, {@code
   * malformed}): connections and requests a guarded listener refused before any handler ran.
   */
  public static final String REJECTED = "rosterd.http.rejected";

  /** At most one warning a minute about connections past the cap (or that cannot be guarded). */
  static final long WARNING_INTERVAL_MS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(HttpListenerGuard.class);
  private static final String DECODER = "httpDecoder";
  private static final String COUNTS = "rosterd.http.connections";

  private final String listener;
  private final HttpListenerLimits limits;
  private final ErrorBody body;
  private final HttpServerOptions decoderOptions;
  private final AtomicInteger open;
  private final MeterRegistry registry;
  private final ThrottledWarning refusals = new ThrottledWarning(LOG, WARNING_INTERVAL_MS);
  private final ThrottledWarning unguardable = new ThrottledWarning(LOG, WARNING_INTERVAL_MS);

  /**
   * @param listener the listener's name in logs and the {@link #REJECTED} tag, e.g. {@code admin};
   *     every guard of one name on this Vert.x shares one connection count
   */
  public HttpListenerGuard(Vertx vertx, String listener, HttpListenerLimits limits, ErrorBody body) {
    this.listener = listener;
    this.limits = limits;
    this.body = body;
    this.decoderOptions = options(new HttpServerOptions());
    this.open = vertx.sharedData().<String, OpenConnections>getLocalMap(COUNTS)
        .computeIfAbsent(listener, k -> new OpenConnections()).count;
    this.registry = Meters.registry(vertx);
  }

  /**
   * {@code base} with the idle timeout and head size, HTTP/1.x only: an HTTP/2 connection (h2c,
   * or h2 by ALPN) would not pass through the decoder that checks framing and read time.
   */
  public HttpServerOptions options(HttpServerOptions base) {
    return base
        .setIdleTimeout(limits.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setHttp2ClearTextEnabled(false)
        .setUseAlpn(false);
  }

  /** Guards {@code server}: its connection handler and invalid request handler are the guard's. */
  public HttpServer install(HttpServer server) {
    return server.connectionHandler(this::connected).invalidRequestHandler(this::invalid);
  }

  private void connected(HttpConnection conn) {
    ChannelPipeline pipeline = conn instanceof ConnectionBase base ? base.channelHandlerContext().pipeline() : null;
    if (pipeline == null || !(pipeline.get(DECODER) instanceof VertxHttpRequestDecoder)) {
      unguardable.warn(listener + ": this Vert.x's HTTP pipeline has no request decoder to check framing"
          + " with; closing every connection (from " + conn.remoteAddress() + ")");
      conn.close();
      return;
    }
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      refuse(pipeline.context(DECODER), conn);
      return;
    }
    conn.closeHandler(v -> open.decrementAndGet());
    pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(decoderOptions, limits));
  }

  /** 503 and close, written below the HTTP codec: no request has been read on this connection. */
  private void refuse(ChannelHandlerContext below, HttpConnection conn) {
    rejected("too-many-connections");
    refusals.warn(listener + ": more than " + limits.maxConnections() + " connections open; refusing "
        + conn.remoteAddress());
    byte[] text = body.render().apply("too many connections (" + limits.maxConnections() + " open)")
        .getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + body.contentType()
        + "\r\nContent-Length: " + text.length + "\r\nConnection: close\r\n\r\n";
    below.writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), text))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** A request the decoder refused: answered here, then Vert.x closes the connection. */
  private void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String message;
    String reason;
    if (cause instanceof RequestRejected r) {
      status = r.status();
      message = r.getMessage();
      reason = r.reason().tag();
    } else if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "request line too long";
      reason = "line-too-long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      message = "request head larger than " + limits.maxHeaderBytes() + " bytes";
      reason = "head-too-large";
    } else {
      status = 400;
      message = "malformed HTTP request";
      reason = "malformed";
    }
    rejected(reason);
    LOG.debug("{}: refused a request from {}: {} ({})", listener, request.remoteAddress(), message, cause);
    request.response()
        .setStatusCode(status)
        .putHeader("Content-Type", body.contentType())
        .putHeader("Connection", "close")
        .end(body.render().apply(message));
  }

  private void rejected(String reason) {
    registry.counter(REJECTED, "listener", listener, "reason", reason).increment();
  }

  /** The open connections of one listener name on this Vert.x (a local map holds Shareables). */
  private static final class OpenConnections implements Shareable {
    final AtomicInteger count = new AtomicInteger();
  }
}
