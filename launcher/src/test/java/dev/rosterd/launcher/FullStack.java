package dev.rosterd.launcher;

import dev.rosterd.admin.AdminHttpVerticle;
import dev.rosterd.c2s.C2sVerticle;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.TestTls;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * Every piece of rosterd in one Vert.x, deployed the way the launcher deploys them (the standard
 * catalog, the whole config checked first), against a {@link FakeRosterBackend}. Tests drive it
 * from their own thread: Smack clients block, so nothing here runs on an event loop.
 */
final class FullStack implements AutoCloseable {
  static final String DOMAIN = "rosterd.test";
  static final long WAIT_SECONDS = 20;

  final FakeRosterBackend backend;
  private final WebClient web;
  private final int c2sPort;
  private final int adminPort;
  private final List<XMPPTCPConnection> clients = new ArrayList<>();

  private FullStack(Vertx vertx, FakeRosterBackend backend, int c2sPort, int adminPort) {
    this.backend = backend;
    this.web = WebClient.create(vertx);
    this.c2sPort = c2sPort;
    this.adminPort = adminPort;
  }

  /**
   * Starts the backend and deploys every piece, the listeners on port 0; users alice, bob, carol,
   * dave, zoë, {@code .} and {@code ..}, each with the password {@code <user>-pw}.
   */
  static FullStack start(Vertx vertx) throws Exception {
    return start(vertx, await(FakeRosterBackend.start(vertx)));
  }

  /** As {@link #start(Vertx)}, against a backend already running (nodes of a cluster share one). */
  static FullStack start(Vertx vertx, FakeRosterBackend backend) throws Exception {
    return start(vertx, backend, new JsonObject());
  }

  /** As {@link #start(Vertx, FakeRosterBackend)}, with more sections (e.g. {@code archive}) in the config. */
  static FullStack start(Vertx vertx, FakeRosterBackend backend, JsonObject moreSections) throws Exception {
    // The standard pieces, but keeping hold of the listeners to read back the ports they got.
    List<C2sVerticle> c2s = new CopyOnWriteArrayList<>();
    List<AdminHttpVerticle> admin = new CopyOnWriteArrayList<>();
    PieceCatalog standard = PieceCatalog.standard();
    PieceCatalog catalog =
        standard
            .replacing(KeptVerticles.keeping(standard, "c2s", C2sVerticle::new, c2s))
            .replacing(KeptVerticles.keeping(standard, "admin", AdminHttpVerticle::new, admin));
    RosterdConfig config = RosterdConfig.read(config(backend).mergeIn(moreSections), catalog);
    await(new RosterdNode(vertx).deployAll(config));
    return new FullStack(vertx, backend, c2s.get(0).actualPort(), admin.get(0).actualPort());
  }

  static JsonObject config(FakeRosterBackend backend) {
    JsonObject users = new JsonObject();
    for (String u : List.of("alice", "bob", "carol", "dave", "zoë", ".", "..")) {
      users.put(u, u + "-pw");
    }
    return new JsonObject()
        .put("domain", DOMAIN)
        .put("auth", new JsonObject().put("provider", "static").put("users", users))
        .put("rosterFetcher", new JsonObject().put("http_roster_url", backend.rosterUrl()))
        .put("rosterCache", new JsonObject())
        .put("subscriptionBlocking", new JsonObject())
        .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put(
            "c2s",
            new JsonObject()
                .put("host", "127.0.0.1")
                .put("port", 0)
                .put(
                    "tls",
                    new JsonObject()
                        .put("certPath", TestTls.certPath().toString())
                        .put("keyPath", TestTls.keyPath().toString())));
  }

  static String jid(String user) {
    return user + "@" + DOMAIN;
  }

  /** The c2s's STARTTLS port. */
  int c2sPort() {
    return c2sPort;
  }

  /** Logs {@code user} in over STARTTLS with SCRAM-SHA-1; closed with the stack. */
  XMPPTCPConnection login(String user, String resource) throws Exception {
    XMPPTCPConnection c =
        XmppClients.login(DOMAIN, c2sPort, user, user + "-pw", "SCRAM-SHA-1", resource);
    clients.add(c);
    return c;
  }

  /** {@code POST /roster_admin/refresh} with {@code users}; the reply's status and JSON body. */
  HttpResponse<Buffer> refresh(JsonArray users) throws Exception {
    return await(
        web.post(adminPort, "127.0.0.1", "/roster_admin/refresh")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(users.toBuffer()));
  }

  /** {@code GET /health}: the reply's status and JSON body. */
  HttpResponse<Buffer> health() throws Exception {
    return await(web.get(adminPort, "127.0.0.1", "/health").send());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (XMPPTCPConnection c : clients) {
      c.disconnect();
    }
    web.close();
    await(backend.close());
  }
}
