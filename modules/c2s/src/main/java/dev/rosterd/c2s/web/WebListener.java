package dev.rosterd.c2s.web;

import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.transport.bosh.BoshSession;
import dev.rosterd.c2s.transport.bosh.BoshSessions;
import dev.rosterd.common.http.ErrorBody;
import dev.rosterd.common.http.HttpListenerGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The c2s's public HTTP listener for browsers ({@code c2s.web}): the RFC 7395 WebSocket endpoint,
 * the BOSH endpoint (XEP-0206) and XEP-0156 host-meta, behind an {@link HttpListenerGuard}
 * (connection cap, request framing, slow-request time-outs). Each accepted WebSocket and each new
 * BOSH session is handed on; the c2s runs its stream.
 */
public final class WebListener {
  /** The listener's name in logs and in the guard's {@code rosterd.http.rejected} meter. */
  public static final String NAME = "c2s.web";

  private static final Logger LOG = LoggerFactory.getLogger(WebListener.class);

  private final WebListenerOptions options;
  private final HttpServer server;

  /**
   * @param tls the certificate when {@code options.tls()}, else ignored
   * @param maxFrameBytes the largest WebSocket frame read at all (larger ones close the connection)
   * @param accepted takes each new WebSocket and the client's IP address
   * @param bosh what each BOSH session is allowed and bound by
   * @param limits the stanza limits BOSH bodies are parsed with
   * @param boshAccepted takes each new BOSH session
   */
  public WebListener(Vertx vertx, WebListenerOptions options, KeyCertOptions tls, int maxFrameBytes,
      BiConsumer<ServerWebSocket, String> accepted, BoshSession.Settings bosh, StreamLimits limits,
      Consumer<BoshSession> boshAccepted) {
    this.options = options;
    AllowedOrigins origins = new AllowedOrigins(options.allowedOrigins());
    Router router = Router.router(vertx);
    new HostMeta(options).mount(router, origins.cors());
    ClientAddress clients = new ClientAddress(options.trustedProxies());
    new BoshEndpoint(origins, clients, BoshSessions.of(vertx), bosh, limits, boshAccepted).mount(router, options.boshPath());
    router.route().last().handler(ctx -> plain(ctx, 404, "no such endpoint"));
    router.route().failureHandler(ctx -> {
      // CORS refusals (403) end up here too: the page's origin is not allowed, nothing went wrong.
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      if (status == 500) {
        LOG.warn("web request {} failed", ctx.request().path(), ctx.failure());
      }
      plain(ctx, status, status == 403 ? "this origin is not allowed" : "request failed (HTTP " + status + ")");
    });
    HttpServerOptions base = new HttpServerOptions()
        .setHost(options.host())
        .setPort(options.port())
        .setWebSocketSubProtocols(List.of(WebSocketEndpoint.SUBPROTOCOL))
        .setMaxWebSocketFrameSize(maxFrameBytes)
        // A compressed frame can inflate far past the frame limit, which bounds only the wire bytes.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
    if (options.tls()) {
      base.setSsl(true).setKeyCertOptions(tls);
    }
    HttpListenerGuard guard = new HttpListenerGuard(vertx, NAME, options.limits(),
        new ErrorBody("text/plain; charset=utf-8", message -> message + "\n"));
    WebSocketEndpoint endpoint = new WebSocketEndpoint(origins, clients, accepted);
    String path = options.path();
    server = guard.install(vertx.createHttpServer(guard.options(base))).requestHandler(request -> {
      if (path.equals(request.path())) {
        endpoint.handle(request);
      } else {
        router.handle(request);
      }
    });
  }

  private static void plain(RoutingContext ctx, int status, String message) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
    }
  }

  /** Binds the port; completes with the port actually bound (for a configured 0). */
  public Future<Integer> listen(String domain) {
    return server.listen().map(s -> {
      LOG.info("c2s web listener for {} on {}:{} ({}; WebSocket at {}, BOSH at {})", domain, options.host(),
          s.actualPort(), options.tls() ? "HTTPS" : options.behindTlsProxy() ? "HTTP behind a TLS proxy" : "plain HTTP",
          options.path(), options.boshPath());
      return s.actualPort();
    });
  }

  public Future<Void> close() {
    return server.close();
  }
}
