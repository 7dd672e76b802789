package dev.rosterd.demo;

import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web application's side of single sign-on, as small as a demo allows: a person "logs in" by
 * picking one of the users of the rosters file (no password: it is a demo), which puts the
 * username in a session cookie; then {@code GET /credentials} answers {@code {"jid", "password"}}
 * with a fresh short-lived HS256 JWT as the password ({@code sub} = the username), which is what
 * Converse.js's {@code credentials_url} expects and what rosterd's {@code auth.tokens} verifies.
 *
 * <ul>
 *   <li>{@code GET /session}: {@code {"user": <username or null>, "jid", "users": [...],
 *       "transport": "websocket" or "bosh", "websocketUrl", "boshUrl"}}, what the demo page needs
 *       to show the login choice or the chat;
 *   <li>{@code POST /login} (form field {@code user}): log in as a user of the file, 303 to {@code /};
 *   <li>{@code POST /logout}: forget the login, 303 to {@code /};
 *   <li>{@code GET /credentials}: the token, or 401 when not logged in.
 * </ul>
 *
 * <p>The page is served from this same origin, so it needs no CORS grant, and none is given: a
 * request that a page of any other origin sends (its {@code Origin} header says so) is refused
 * with 403, so another site can neither read a token nor log the browser in or out.
 */
final class SignOn {
  private static final Logger LOG = LoggerFactory.getLogger(SignOn.class);
  /** The session key holding the logged-in username. */
  private static final String USER = "user";
  /** A demo login lasts this long without use; Converse.js asks for a token at every reconnect. */
  private static final long SESSION_TIMEOUT_MS = 12 * 60 * 60 * 1000L;

  private final DemoBackendOptions options;
  private final Supplier<RosterFile> rosters;
  private final JWTAuth jwt;
  private final SessionStore sessions;

  SignOn(Vertx vertx, DemoBackendOptions options, Supplier<RosterFile> rosters) {
    this.options = options;
    this.rosters = rosters;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(options.tokenSecret())));
    this.sessions = LocalSessionStore.create(vertx);
  }

  /** Mounts the routes above, each behind the session cookie and the same-origin check. */
  void mount(Router router) {
    SessionHandler session = SessionHandler.create(sessions)
        .setSessionTimeout(SESSION_TIMEOUT_MS)
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.LAX)
        .setLazySession(true);
    for (String path : new String[] {"/session", "/login", "/logout", "/credentials"}) {
      // Vert.x runs platform handlers (the session) first; a refused request's session stays unstored.
      router.route(path).handler(session).handler(this::sameOrigin);
    }
    router.get("/session").handler(this::session);
    router.post("/login").handler(BodyHandler.create().setBodyLimit(1024)).handler(this::login);
    router.post("/logout").handler(this::logout);
    router.get("/credentials").handler(this::credentials);
  }

  void close() {
    sessions.close();
  }

  private void session(RoutingContext ctx) {
    String user = ctx.session().get(USER);
    json(ctx, 200, new JsonObject()
        .put("user", user)
        .put("jid", user == null ? null : jid(user))
        .put("users", new JsonArray(rosters.get().users()))
        .put("transport", options.transport())
        .put("websocketUrl", options.websocketUrl())
        .put("boshUrl", options.boshUrl()));
  }

  private void login(RoutingContext ctx) {
    String user = ctx.request().getFormAttribute(USER);
    if (user == null || !rosters.get().users().contains(user)) {
      json(ctx, 400, new JsonObject().put("error", "no such demo user: " + user));
      return;
    }
    // A new session id at login, so an id planted in the browser before it is worth nothing.
    ctx.session().regenerateId().put(USER, user);
    LOG.info("demo backend: {} logged in to the demo page", user);
    seeHome(ctx);
  }

  private void logout(RoutingContext ctx) {
    ctx.session().destroy();
    seeHome(ctx);
  }

  /** Converse.js's {@code credentials_url}: a token for the logged-in user, never cached. */
  private void credentials(RoutingContext ctx) {
    String user = ctx.session().get(USER);
    if (user == null) {
      json(ctx, 401, new JsonObject().put("error", "not logged in to the demo page"));
      return;
    }
    String token = jwt.generateToken(new JsonObject().put("sub", user),
        new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(options.tokenLifetimeSeconds()));
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    json(ctx, 200, new JsonObject().put("jid", jid(user)).put("password", token));
  }

  private String jid(String user) {
    return user + "@" + options.domain();
  }

  /** Refuses a request sent by a page of another origin; the browser omits Origin on plain navigation. */
  private void sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin == null || origin.equals(ownOrigin(ctx.request()))) {
      ctx.next();
      return;
    }
    LOG.info("demo backend: {} {} from a page of {} refused (only this origin's own page may sign on)",
        ctx.request().method(), ctx.request().path(), origin);
    json(ctx, 403, new JsonObject().put("error", "cross-origin request refused"));
  }

  /** The origin the browser addressed, as it writes it in {@code Origin} (RFC 6454: no default port). */
  private static String ownOrigin(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    if (authority == null) {
      return null;
    }
    String scheme = request.isSSL() ? "https" : "http";
    int port = authority.port();
    boolean defaultPort = port < 0 || port == (request.isSSL() ? 443 : 80);
    return scheme + "://" + authority.host() + (defaultPort ? "" : ":" + port);
  }

  /** 303: the browser GETs the page again after the form's POST. */
  private static void seeHome(RoutingContext ctx) {
    ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, "/").end();
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
