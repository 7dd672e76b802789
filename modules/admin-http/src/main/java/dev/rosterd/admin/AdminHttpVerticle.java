package dev.rosterd.admin;

import dev.rosterd.common.http.ErrorBody;
import dev.rosterd.common.http.HttpListenerGuard;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP listener(s): plain HTTP on {@code admin.port} and, when configured, HTTPS on {@code
 * admin.tlsPort}, both serving one router with {@link RosterAdminRoutes} and {@link
 * OperationsRoutes}, behind the bearer token when one is configured. Talks to the rest of
 * rosterd only over the event bus. Every error is a JSON {@code {"status": "error", "message"}}.
 *
 * <p>Both listeners are held to {@link AdminHttpOptions#limits()} by one {@link HttpListenerGuard}:
 * a request whose framing could be read two ways, one that arrives too slowly and one with too
 * large a head are answered (400, 408, 431) and their connection closed before the router sees
 * them; connections past the cap are refused with 503.
 */
public final class AdminHttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHttpVerticle.class);

  private final List<HttpServer> servers = new ArrayList<>();
  private HttpServer plain;
  private HttpServer tls;

  @Override
  public Future<?> start() {
    Jids.setUp();
    AdminHttpOptions options = new AdminHttpOptions(config());
    if (options.token().isEmpty()) {
      LOG.warn("admin.token is not set: /roster_admin/* and /admin/* are open to anyone who can reach {}:{}",
          options.host(), options.port());
    }
    Router router = Router.router(vertx);
    guard(router, options);
    new RosterAdminRoutes(vertx, options).mount(router);
    new OperationsRoutes(vertx, options).mount(router);
    router.route().last().handler(ctx -> JsonReplies.error(ctx, 404, "no such endpoint"));
    router.route().failureHandler(ctx -> {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      if (status == 500) {
        LOG.warn("admin request {} failed", ctx.request().path(), ctx.failure());
      }
      JsonReplies.error(ctx, status, status == 413
          ? "body larger than " + options.maxBodyBytes() + " bytes (admin.maxBodyBytes)"
          : "request failed (HTTP " + status + ")");
    });
    // Both listeners share one guard: one connection cap, and requests refused before the router.
    HttpListenerGuard guard = new HttpListenerGuard(vertx, AdminHttpOptions.SECTION, options.limits(),
        new ErrorBody("application/json", JsonReplies::errorBody));
    plain = guard.install(vertx.createHttpServer(
            guard.options(new HttpServerOptions().setHost(options.host()).setPort(options.port()))))
        .requestHandler(router);
    servers.add(plain);
    if (options.tlsPort().isPresent()) {
      tls = guard.install(vertx.createHttpServer(guard.options(new HttpServerOptions()
              .setHost(options.host())
              .setPort(options.tlsPort().get())
              .setSsl(true)
              .setKeyCertOptions(new PemKeyCertOptions()
                  .setCertPath(options.tlsCertPath())
                  .setKeyPath(options.tlsKeyPath())))))
          .requestHandler(router);
      servers.add(tls);
    }
    return Future.all(servers.stream().map(HttpServer::listen).toList())
        .onSuccess(v -> LOG.info("admin HTTP listening on {}:{}{}", options.host(), actualPort(),
            tls == null ? "" : " and HTTPS on " + actualTlsPort()));
  }

  /**
   * With a token, the protected paths need it before anything else runs: a request without it is
   * answered 401 before its body is read.
   */
  private static void guard(Router router, AdminHttpOptions options) {
    options.token().map(BearerToken::new).ifPresent(token -> {
      router.route("/roster_admin/*").handler(token);
      router.route("/admin/*").handler(token);
      if (options.metricsNeedToken()) {
        router.route("/metrics").handler(token);
      }
      if (options.healthNeedsToken()) {
        router.route("/health").handler(token);
      }
    });
  }

  @Override
  public Future<?> stop() {
    return Future.all(servers.stream().map(HttpServer::close).toList());
  }

  /** The plain HTTP port actually bound (useful with port 0). */
  public int actualPort() {
    return plain.actualPort();
  }

  /** The HTTPS port actually bound, or -1 without one. */
  public int actualTlsPort() {
    return tls == null ? -1 : tls.actualPort();
  }
}
