package dev.rosterd.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for the web application beside rosterd, on an ephemeral port of
 * 127.0.0.1. It serves:
 *
 * <ul>
 *   <li>{@code GET /roster/<percent-encoded username>}: the roster set with {@link #roster} (an
 *       empty object for users never set), or the failure set with {@link #respond}; every
 *       request's raw URI and headers are recorded.
 *   <li>{@code POST /auth}: a form with {@code user} and {@code pass}; body {@code true} when they
 *       match {@link #password}, else {@code false} (the {@code http} auth provider's contract).
 * </ul>
 *
 * Thread-safe: tests change it from their own thread while rosterd's requests arrive.
 */
public final class FakeRosterBackend {
  private final HttpServer server;
  private final Map<String, JsonObject> rosters = new ConcurrentHashMap<>();
  private final Map<String, Response> canned = new ConcurrentHashMap<>();
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<Promise<String>> requestWaiters = new CopyOnWriteArrayList<>();
  private final List<String> rawUris = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

  /** A status and body to answer instead of the roster; status 0 closes the connection. */
  public record Response(int status, String contentType, String body) {}

  private FakeRosterBackend(HttpServer server) {
    this.server = server;
  }

  /** Starts the server on 127.0.0.1 and an ephemeral port. */
  public static Future<FakeRosterBackend> start(Vertx vertx) {
    FakeRosterBackend[] self = new FakeRosterBackend[1];
    HttpServer server = vertx.createHttpServer();
    self[0] = new FakeRosterBackend(server);
    server.requestHandler(req -> self[0].handle(req));
    return server.listen(0, "127.0.0.1").map(s -> self[0]);
  }

  public Future<Void> close() {
    return server.close();
  }

  public int port() {
    return server.actualPort();
  }

  /** The value for rosterd's {@code http_roster_url}. */
  public String rosterUrl() {
    return "http://127.0.0.1:" + port() + "/roster/%s";
  }

  /** The URL for rosterd's {@code http} auth provider. */
  public String authUrl() {
    return "http://127.0.0.1:" + port() + "/auth";
  }

  /** Sets the JSON object served as {@code user}'s roster, and clears any canned failure. */
  public FakeRosterBackend roster(String user, JsonObject contacts) {
    rosters.put(user, contacts.copy());
    canned.remove(user);
    return this;
  }

  /** A roster entry value: {@code {"name": name, "groups": [groups]}}; null name omits it. */
  public static JsonObject contact(String name, String... groups) {
    JsonObject c = new JsonObject();
    if (name != null) {
      c.put("name", name);
    }
    if (groups.length > 0) {
      c.put("groups", new JsonArray(List.of(groups)));
    }
    return c;
  }

  /** Answers {@code user}'s roster requests with this response until {@link #roster} is set. */
  public FakeRosterBackend respond(String user, Response response) {
    canned.put(user, response);
    return this;
  }

  /** Sets a user's password for {@code POST /auth}. */
  public FakeRosterBackend password(String user, String password) {
    passwords.put(user, password);
    return this;
  }

  /**
   * Holds the answers to {@code user}'s next roster requests: each answer is decided when the
   * request arrives (the roster as it is then) but sent only at {@link #release}. This makes a
   * slow backend whose data changes while a fetch is in flight, without sleeping.
   */
  public FakeRosterBackend hold(String user) {
    held.putIfAbsent(user, new Held());
    return this;
  }

  /** Sends every held answer for {@code user} and stops holding. */
  public void release(String user) {
    Held h = held.remove(user);
    if (h != null) {
      h.release();
    }
  }

  /** Completes with the decoded username of the next roster request that arrives. */
  public Future<String> nextRequest() {
    Promise<String> p = Promise.promise();
    requestWaiters.add(p);
    return p.future();
  }

  /** How many roster requests arrived for {@code user} (decoded username). */
  public int requests(String user) {
    AtomicInteger n = counts.get(user);
    return n == null ? 0 : n.get();
  }

  /** The raw request URIs of every roster request, in order of arrival. */
  public List<String> rawUris() {
    return new ArrayList<>(rawUris);
  }

  /** The headers of every roster request, in order of arrival (names in lower case). */
  public List<Map<String, String>> requestHeaders() {
    return new ArrayList<>(headers);
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (req.method().name().equals("POST") && path.equals("/auth")) {
      req.setExpectMultipart(true);
      req.end().onSuccess(v -> answerAuth(req));
      return;
    }
    if (!req.method().name().equals("GET") || !path.startsWith("/roster/")) {
      req.response().setStatusCode(404).end();
      return;
    }
    String raw = req.uri().substring("/roster/".length());
    String user = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    rawUris.add(req.uri());
    Map<String, String> h = new ConcurrentHashMap<>();
    req.headers().forEach(e -> h.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
    headers.add(h);
    counts.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
    Response answer = answerFor(user);
    Held hold = held.get(user);
    Runnable send = () -> send(req, answer);
    if (hold != null) {
      hold.add(send);
    } else {
      send.run();
    }
    for (Promise<String> p : requestWaiters) {
      requestWaiters.remove(p);
      p.tryComplete(user);
    }
  }

  private Response answerFor(String user) {
    Response c = canned.get(user);
    if (c != null) {
      return c;
    }
    JsonObject roster = rosters.getOrDefault(user, new JsonObject());
    return new Response(200, "application/json", roster.encode());
  }

  private void answerAuth(HttpServerRequest req) {
    String user = req.getFormAttribute("user");
    String pass = req.getFormAttribute("pass");
    boolean ok = user != null && pass != null && pass.equals(passwords.get(user));
    req.response().putHeader("Content-Type", "text/plain").end(ok ? "true" : "false");
  }

  private static void send(HttpServerRequest req, Response r) {
    if (r.status() == 0) {
      req.connection().close();
      return;
    }
    if (r.contentType() != null) {
      req.response().putHeader("Content-Type", r.contentType());
    }
    req.response().setStatusCode(r.status()).end(Buffer.buffer(r.body() == null ? "" : r.body()));
  }

  /** Answers waiting for release. */
  private static final class Held {
    private final List<Runnable> answers = new ArrayList<>();
    private boolean released;

    synchronized void add(Runnable answer) {
      if (released) {
        answer.run();
      } else {
        answers.add(answer);
      }
    }

    synchronized void release() {
      released = true;
      answers.forEach(Runnable::run);
      answers.clear();
    }
  }
}
