package dev.rosterd.c2s.web;

import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.transport.bosh.BoshBody;
import dev.rosterd.c2s.transport.bosh.BoshExchange;
import dev.rosterd.c2s.transport.bosh.BoshSession;
import dev.rosterd.c2s.transport.bosh.BoshSessions;
import dev.rosterd.c2s.transport.bosh.BoshTerminal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BOSH endpoint (XEP-0124, XEP-0206): POSTed {@code <body/>}s from pages of an allowed origin
 * (with CORS and its preflight), read up to the body limit and parsed here, then handed to their
 * session by {@code sid}, or, without one, made into a new session that the c2s runs a stream over.
 */
final class BoshEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(BoshEndpoint.class);

  private final ClientAddress clients;
  private final AllowedOrigins origins;
  private final BoshSessions sessions;
  private final BoshSession.Settings settings;
  private final StreamLimits limits;
  private final Consumer<BoshSession> accepted;

  /** @param accepted takes each new session, on the context it was created on */
  BoshEndpoint(AllowedOrigins origins, ClientAddress clients, BoshSessions sessions, BoshSession.Settings settings,
      StreamLimits limits, Consumer<BoshSession> accepted) {
    this.origins = origins;
    this.clients = clients;
    this.sessions = sessions;
    this.settings = settings;
    this.limits = limits;
    this.accepted = accepted;
  }

  void mount(Router router, String path) {
    router.route(path).handler(this::checkOrigin);
    CorsHandler cors = origins.cors(HttpMethod.POST);
    if (cors != null) {
      router.route(path).handler(cors);
    }
    router.post(path).handler(this::post);
    router.route(path).handler(ctx -> ctx.response().setStatusCode(405).putHeader("Allow", "POST, OPTIONS")
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("this is a BOSH endpoint (XEP-0124, XEP-0206): POST a <body/>\n"));
  }

  private void checkOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (!origins.allows(origin)) {
      origins.refused(origin, "a BOSH request");
      ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("pages from " + origin + " may not connect here\n");
      return;
    }
    ctx.next();
  }

  /** Reads the body, keeping at most {@code maxBodyBytes} of it: a larger one is refused once that much came. */
  private void post(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    int max = settings.maxBodyBytes();
    Buffer received = Buffer.buffer();
    boolean[] tooLarge = {false};
    request.handler(chunk -> {
      if (tooLarge[0]) {
        return;
      }
      if (received.length() + chunk.length() > max) {
        tooLarge[0] = true;
        received.appendBuffer(chunk, 0, max - received.length());
        // The rest is read and dropped (bounded by requestReadTimeoutMs): closing the connection
        // under a client still sending would lose it the answer.
        dispatch(ctx, BoshBody.tooLarge(received.getBytes(), max));
        return;
      }
      received.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!tooLarge[0]) {
        dispatch(ctx, BoshBody.parse(received.getBytes(), limits, max));
      }
    });
    request.resume();
  }

  private void dispatch(RoutingContext ctx, BoshBody body) {
    BoshExchange exchange = new BoshExchange(ctx.response(), body.modern());
    String sid = body.sid();
    if (sid == null) {
      create(ctx, body, exchange);
      return;
    }
    BoshSession session = sessions.get(sid);
    if (session == null) {
      LOG.debug("BOSH request from {} for unknown session {}", ctx.request().remoteAddress(), sid);
      exchange.terminate(new BoshTerminal(BoshTerminal.ITEM_NOT_FOUND, "no such session"));
      return;
    }
    session.receive(body, exchange);
  }

  private void create(RoutingContext ctx, BoshBody body, BoshExchange exchange) {
    if (body.error() != null) {
      boolean large = body.error().condition().equals(BoshTerminal.POLICY_VIOLATION);
      exchange.terminate(new BoshTerminal(large ? BoshTerminal.POLICY_VIOLATION : BoshTerminal.BAD_REQUEST,
          body.error().getMessage()));
      return;
    }
    try {
      HttpServerRequest request = ctx.request();
      accepted.accept(BoshSession.create(ctx.vertx().getOrCreateContext(), sessions, settings, body, exchange,
          String.valueOf(request.remoteAddress()), clients.of(request)));
    } catch (BoshTerminal t) {
      exchange.terminate(t);
    }
  }
}
