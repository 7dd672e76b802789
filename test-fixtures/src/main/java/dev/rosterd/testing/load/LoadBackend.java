package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The web application beside the server under load: computed rosters, no state per user, so it
 * answers as fast as an HTTP server can and never becomes what is measured. Its own class rather
 * than {@link dev.rosterd.testing.FakeRosterBackend}, whose per-user maps, recording and holds
 * exist for correctness tests and would only cost here.
 *
 * <ul>
 *   <li>{@code GET /roster/<user>}: user {@code i} (named {@link LoadUsers#name}) has the contacts
 *       {@code i+1 .. i+R} modulo N, each {@code {"name": "...", "groups": ...}} with groups as an
 *       object {@code {"Load": true}} (the form Prosody's module reads) or an array {@code
 *       ["Load"]}; plus one contact {@code gainK@domain} for each {@link #gainContact()} so far. An
 *       unknown user gets {@code {}}.
 *   <li>{@code POST /auth}: the form {@code user}, {@code pass} of rosterd's {@code http} auth
 *       provider (and Prosody's mod_auth_http); {@code true} when the user is one of the N and the
 *       password is {@link LoadUsers#password}.
 * </ul>
 */
public final class LoadBackend {
  /** How groups are written in the roster JSON. */
  public enum Groups {
    /** {@code {"Load": true}}: what mod_http_roster_admin iterates. */
    OBJECT,
    /** {@code ["Load"]}: the documented-looking form the reference module throws on. */
    ARRAY
  }

  private final HttpServer server;
  private final LoadUsers users;
  private final int contacts;
  private final Groups groups;
  private final AtomicInteger gained = new AtomicInteger();
  private final AtomicLong rosterRequests = new AtomicLong();
  private final AtomicLong authRequests = new AtomicLong();

  private LoadBackend(HttpServer server, LoadUsers users, int contacts, Groups groups) {
    this.server = server;
    this.users = users;
    this.contacts = contacts;
    this.groups = groups;
  }

  /**
   * Starts on {@code host}:{@code port} (0 for an ephemeral port).
   *
   * @param contacts R, the contacts of every roster (at most N-1 distinct users)
   */
  public static Future<LoadBackend> start(
      Vertx vertx, String host, int port, LoadUsers users, int contacts, Groups groups) {
    HttpServer server = vertx.createHttpServer();
    LoadBackend backend = new LoadBackend(server, users, contacts, groups);
    server.requestHandler(backend::handle);
    return server.listen(port, host).map(s -> backend);
  }

  /** Starts where the settings' {@code --backend-host} and {@code --backend-port} say. */
  public static Future<LoadBackend> start(Vertx vertx, HarnessSettings s) {
    return start(vertx, s.backendHost(), s.backendPort(), s.users(), s.contacts(), s.groups());
  }

  public Future<Void> close() {
    return server.close();
  }

  public int port() {
    return server.actualPort();
  }

  /** The value for rosterd's {@code http_roster_url} (and Prosody's). */
  public String rosterUrl() {
    return "http://127.0.0.1:" + port() + "/roster/%s";
  }

  /** The URL for rosterd's {@code http} auth provider. */
  public String authUrl() {
    return "http://127.0.0.1:" + port() + "/auth";
  }

  /** Every roster gains one contact from now on, so that a refresh pushes one item to each user. */
  public int gainContact() {
    return gained.incrementAndGet();
  }

  /** Roster GETs served so far. */
  public long rosterRequests() {
    return rosterRequests.get();
  }

  /** Auth POSTs served so far. */
  public long authRequests() {
    return authRequests.get();
  }

  /** How many items every roster has now. */
  public int rosterSize() {
    return Math.min(contacts, users.count() - 1) + gained.get();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (req.method() == HttpMethod.GET && path.startsWith("/roster/")) {
      rosterRequests.incrementAndGet();
      String user = URLDecoder.decode(path.substring("/roster/".length()), StandardCharsets.UTF_8);
      req.response().putHeader("Content-Type", "application/json").end(roster(user));
    } else if (req.method() == HttpMethod.POST && path.equals("/auth")) {
      authRequests.incrementAndGet();
      req.setExpectMultipart(true);
      req.end().onSuccess(v -> {
        String user = req.getFormAttribute("user");
        boolean ok = user != null && users.index(user) >= 0
            && users.password(user).equals(req.getFormAttribute("pass"));
        req.response().putHeader("Content-Type", "text/plain").end(ok ? "true" : "false");
      });
    } else {
      req.response().setStatusCode(404).end();
    }
  }

  /** The roster JSON of {@code user}; built as text, as it is the hot path of every login. */
  String roster(String user) {
    int i = users.index(user);
    if (i < 0) {
      return "{}";
    }
    String group = groups == Groups.OBJECT ? "{\"Load\":true}" : "[\"Load\"]";
    StringBuilder out = new StringBuilder(64 * (contacts + 1)).append('{');
    int n = Math.min(contacts, users.count() - 1);
    for (int k = 1; k <= n; k++) {
      String contact = users.name((i + k) % users.count());
      entry(out, contact + "@" + users.domain(), "Contact " + contact, group);
    }
    for (int g = 1; g <= gained.get(); g++) {
      entry(out, "gain" + g + "@" + users.domain(), "Gained " + g, group);
    }
    if (out.length() > 1) {
      out.setLength(out.length() - 1);
    }
    return out.append('}').toString();
  }

  private static void entry(StringBuilder out, String jid, String name, String group) {
    out.append('"').append(jid).append("\":{\"name\":\"").append(name)
        .append("\",\"groups\":").append(group).append("},");
  }

  /** The counters, for a result line. */
  JsonObject counters() {
    return new JsonObject()
        .put("backend_roster_requests", rosterRequests())
        .put("backend_auth_requests", authRequests());
  }
}
