package dev.rosterd.launcher.browser;

import dev.rosterd.admin.AdminHttpVerticle;
import dev.rosterd.c2s.C2sVerticle;
import dev.rosterd.c2s.negotiation.StreamMeters;
import dev.rosterd.common.metrics.Meters;
import dev.rosterd.demo.DemoBackendVerticle;
import dev.rosterd.launcher.KeptVerticles;
import dev.rosterd.launcher.NodeMetrics;
import dev.rosterd.launcher.PieceCatalog;
import dev.rosterd.launcher.RosterdConfig;
import dev.rosterd.launcher.RosterdNode;
import dev.rosterd.testing.TestTls;
import dev.rosterd.testing.XmppClients;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * rosterd with the demo backend as its web application, as the shipped demo runs them, every
 * listener on a free loopback port: the demo backend serves the page, the rosters of a file and
 * the sign-on tokens; rosterd takes browsers on its web listener (plain WebSocket and BOSH on
 * loopback, {@code behindTlsProxy}) and Smack clients on STARTTLS. The demo backend starts first,
 * so the web listener can allow its page's origin; it is then started again on its port, told the
 * admin, WebSocket and BOSH URLs that rosterd got and which of the two the page uses.
 */
final class BrowserStack implements AutoCloseable {
  static final String DOMAIN = "localhost";

  /** How the page's Converse.js connects: the values of {@code demoBackend.transport}. */
  enum Transport {
    WEBSOCKET("websocket", StreamMeters.WEBSOCKET), BOSH("bosh", StreamMeters.BOSH);

    final String config;
    /** The {@code transport} tag of its sessions in {@link StreamMeters#SESSIONS_BY_TRANSPORT}. */
    final String meterTag;

    Transport(String config, String meterTag) {
      this.config = config;
      this.meterTag = meterTag;
    }
  }

  private static final String SECRET = "browser-test-sign-on-secret-0123456789";

  /** With metrics, as {@code Main} starts it: the sessions-by-transport gauge tells which transport the page used. */
  final Vertx vertx = NodeMetrics.vertx();
  private final Path rosters;
  private final Transport transport;
  private final List<XMPPTCPConnection> clients = new ArrayList<>();
  private final List<C2sVerticle> c2s = new CopyOnWriteArrayList<>();
  private final List<AdminHttpVerticle> admin = new CopyOnWriteArrayList<>();
  private int demoPort;

  private BrowserStack(Path rosters, Transport transport) {
    this.rosters = rosters;
    this.transport = transport;
  }

  /**
   * Starts everything on the rosters {@code initial}, the page connecting over {@code transport};
   * the users log in to Smack with {@code <user>-pw}.
   */
  static BrowserStack start(Path dir, JsonObject initial, Transport transport) throws Exception {
    BrowserStack stack = new BrowserStack(dir.resolve("demo-rosters.json"), transport);
    Files.writeString(stack.rosters, initial.encodePrettily());
    // Until rosterd's ports are known, the demo backend refreshes and points browsers nowhere.
    DemoBackendVerticle first = new DemoBackendVerticle();
    String firstId = await(stack.vertx.deployVerticle(first, stack.demo(0, "http://127.0.0.1:9/", "http://127.0.0.1:9/")));
    stack.demoPort = first.actualPort();
    PieceCatalog standard = PieceCatalog.standard();
    PieceCatalog catalog = standard
        .replacing(KeptVerticles.keeping(standard, "c2s", C2sVerticle::new, stack.c2s))
        .replacing(KeptVerticles.keeping(standard, "admin", AdminHttpVerticle::new, stack.admin));
    await(new RosterdNode(stack.vertx).deployAll(RosterdConfig.read(stack.rosterdConfig(), catalog)));
    await(stack.vertx.undeploy(firstId));
    await(stack.vertx.deployVerticle(new DemoBackendVerticle(), stack.demo(stack.demoPort,
        "http://127.0.0.1:" + stack.admin.get(0).actualPort() + "/roster_admin/refresh",
        "http://127.0.0.1:" + stack.c2s.get(0).actualWebPort())));
    return stack;
  }

  /** @param web the base URL of rosterd's web listener, its endpoints at their default paths */
  private DeploymentOptions demo(int port, String refreshUrl, String web) {
    return new DeploymentOptions().setConfig(new JsonObject()
        .put("domain", DOMAIN)
        .put("host", "127.0.0.1")
        .put("port", port)
        .put("rostersFile", rosters.toString())
        .put("refreshUrl", refreshUrl)
        .put("scanPeriodMs", 50)
        .put("tokenSecret", SECRET)
        .put("transport", transport.config)
        .put("websocketUrl", web.replaceFirst("^http", "ws") + "/xmpp-websocket")
        .put("boshUrl", web + "/http-bind"));
  }

  private JsonObject rosterdConfig() {
    JsonObject users = new JsonObject();
    for (String u : List.of("alice", "bob", "carol", "dave")) {
      users.put(u, u + "-pw");
    }
    return new JsonObject()
        .put("domain", DOMAIN)
        .put("auth", new JsonObject().put("provider", "static").put("users", users)
            .put("tokens", new JsonObject().put("secret", SECRET)))
        .put("rosterFetcher", new JsonObject().put("http_roster_url", "http://127.0.0.1:" + demoPort + "/roster/%s"))
        .put("rosterCache", new JsonObject())
        .put("subscriptionBlocking", new JsonObject())
        .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("c2s", new JsonObject()
            .put("host", "127.0.0.1")
            .put("port", 0)
            .put("tls", new JsonObject()
                .put("certPath", TestTls.certPath().toString())
                .put("keyPath", TestTls.keyPath().toString()))
            .put("web", new JsonObject()
                .put("host", "127.0.0.1")
                .put("port", 0)
                .put("behindTlsProxy", true)
                .put("allowedOrigins", new JsonArray().add(pageOrigin()))));
  }

  String pageOrigin() {
    return "http://127.0.0.1:" + demoPort;
  }

  String page() {
    return pageOrigin() + "/";
  }

  /** Edits the rosters file; the demo backend POSTs the refresh of the users whose roster changed. */
  void editRosters(Consumer<JsonObject> edit) throws Exception {
    JsonObject json = new JsonObject(Files.readString(rosters));
    edit.accept(json);
    Files.writeString(rosters, json.encodePrettily());
  }

  /** Logs {@code user} in with Smack over STARTTLS; closed with the stack. */
  XMPPTCPConnection login(String user, String resource) throws Exception {
    XMPPTCPConnection c = XmppClients.login(DOMAIN, c2s.get(0).actualPort(), user, user + "-pw", "SCRAM-SHA-1", resource);
    clients.add(c);
    return c;
  }

  /** The sessions bound over {@code transport}, as rosterd's gauge counts them. */
  long sessionsOver(Transport transport) {
    Gauge g = Meters.registry(vertx).find(StreamMeters.SESSIONS_BY_TRANSPORT).tag("transport", transport.meterTag).gauge();
    return g == null ? 0 : (long) g.value();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (XMPPTCPConnection c : clients) {
      c.disconnect();
    }
    await(vertx.close());
  }
}
