package dev.rosterd.launcher;

import dev.rosterd.admin.AdminHttpVerticle;
import dev.rosterd.c2s.C2sVerticle;
import dev.rosterd.demo.DemoBackendVerticle;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * rosterd as {@code Main} runs it, for the operations tests: a Vert.x with metrics ({@link
 * NodeMetrics}), the config in a file, every piece deployed by a {@link RosterdNode}, and a {@link
 * ConfigWatch} on the file with a short period. The listeners run on port 0 and the instances of
 * each deployment are recorded, so the ports of a redeployed listener can be read back. The admin
 * router has a token; {@link #admin} sends it.
 */
final class OpsStack implements AutoCloseable {
  static final String TOKEN = "ops-test-token-0123456789";
  static final long WATCH_MS = 25;

  final Vertx vertx;
  final FakeRosterBackend backend;
  final RosterdNode node;
  final WebClient web;
  private final Path file;
  private final ConfigWatch watch;
  private final List<C2sVerticle> c2s;
  private final List<AdminHttpVerticle> admins;
  private final List<DemoBackendVerticle> demos;
  private final List<XMPPTCPConnection> clients = new ArrayList<>();

  private OpsStack(Vertx vertx, FakeRosterBackend backend, RosterdNode node, Path file, ConfigWatch watch,
      List<C2sVerticle> c2s, List<AdminHttpVerticle> admins, List<DemoBackendVerticle> demos) {
    this.vertx = vertx;
    this.backend = backend;
    this.node = node;
    this.web = WebClient.create(vertx);
    this.file = file;
    this.watch = watch;
    this.c2s = c2s;
    this.admins = admins;
    this.demos = demos;
  }

  /** {@link FullStack#config} plus a token and a short watch period, changed by {@code adjust}. */
  static OpsStack start(Path dir, Consumer<JsonObject> adjust) throws Exception {
    Vertx vertx = NodeMetrics.vertx();
    FakeRosterBackend backend = await(FakeRosterBackend.start(vertx));
    JsonObject config = FullStack.config(backend).put(RosterdConfig.WATCH_CONFIG_MS, WATCH_MS);
    config.getJsonObject("admin").put("token", TOKEN);
    adjust.accept(config);
    Path file = dir.resolve("rosterd.json");
    Files.writeString(file, config.encodePrettily());

    List<C2sVerticle> c2s = new CopyOnWriteArrayList<>();
    List<AdminHttpVerticle> admins = new CopyOnWriteArrayList<>();
    List<DemoBackendVerticle> demos = new CopyOnWriteArrayList<>();
    PieceCatalog standard = PieceCatalog.standard();
    PieceCatalog catalog = standard
        .replacing(recording(standard, "c2s", C2sVerticle::new, c2s))
        .replacing(recording(standard, "admin", AdminHttpVerticle::new, admins))
        .replacing(recording(standard, "demoBackend", DemoBackendVerticle::new, demos));
    ConfigFile configFile = new ConfigFile(vertx, file);
    RosterdConfig checked = RosterdConfig.read(await(configFile.read()), catalog);
    RosterdNode node = new RosterdNode(vertx);
    await(node.deployAll(checked));
    ConfigWatch watch = new ConfigWatch(node, catalog, checked, file.toString());
    watch.start(vertx, configFile);
    return new OpsStack(vertx, backend, node, file, watch, c2s, admins, demos);
  }

  private static <V extends Deployable> Piece<?> recording(
      PieceCatalog catalog, String section, Supplier<V> make, List<V> made) {
    return withVerticle(catalog.find(section).orElseThrow(), () -> {
      V v = make.get();
      made.add(v);
      return v;
    });
  }

  private static <O> Piece<O> withVerticle(Piece<O> p, Supplier<? extends Deployable> verticle) {
    return new Piece<>(p.section(), p.options(), verticle, p.endpoint());
  }

  /** The STARTTLS port of the c2s deployed last. */
  int c2sPort() {
    return c2s.get(c2s.size() - 1).actualPort();
  }

  /** The port of the admin router deployed last. */
  int adminPort() {
    return admins.get(admins.size() - 1).actualPort();
  }

  /** How many edits of the file the watch has refused so far. */
  int rejectedEdits() {
    return watch.rejected();
  }

  int adminDeployments() {
    return admins.size();
  }

  /** The roster port of the demo backend deployed last. */
  int demoPort() {
    return demos.get(demos.size() - 1).actualPort();
  }

  XMPPTCPConnection login(String user, String resource) throws Exception {
    XMPPTCPConnection c = XmppClients.login(FullStack.DOMAIN, c2sPort(), user, user + "-pw", "SCRAM-SHA-1", resource);
    clients.add(c);
    return c;
  }

  /** A request to the admin port with the token; {@code body} may be null. */
  HttpResponse<Buffer> admin(HttpMethod method, String path, String body) throws Exception {
    return await(send(adminPort(), method, path, body));
  }

  Future<HttpResponse<Buffer>> send(int port, HttpMethod method, String path, String body) {
    HttpRequest<Buffer> req = web.request(method, port, "127.0.0.1", path).bearerTokenAuthentication(TOKEN);
    return body == null ? req.send() : req.sendBuffer(Buffer.buffer(body));
  }

  /** {@code GET /admin/verticles}: the deployment of {@code name}, or null when it is missing. */
  JsonObject verticle(String name) throws Exception {
    return await(verticleNow(name));
  }

  Future<JsonObject> verticleNow(String name) {
    return send(adminPort(), HttpMethod.GET, "/admin/verticles", null).map(r -> r.bodyAsJsonObject()
        .getJsonArray("verticles").stream()
        .map(o -> (JsonObject) o)
        .filter(v -> v.getString("name").equals(name))
        .findFirst().orElse(null));
  }

  /** The config as the file now says, to edit and {@link #writeConfig}. */
  JsonObject config() throws Exception {
    return new JsonObject(Files.readString(file));
  }

  void writeConfig(JsonObject config) throws Exception {
    Files.writeString(file, config.encodePrettily());
  }

  /**
   * Completes once {@code probe} answers true, asking it again every few milliseconds on Vert.x's
   * timer (for effects of the file watch, which has no event of its own to wait on).
   */
  void eventually(Supplier<Future<Boolean>> probe) throws Exception {
    Promise<Void> done = Promise.promise();
    long timer = vertx.setPeriodic(WATCH_MS, id -> probe.get().onSuccess(ok -> {
      if (ok) {
        done.tryComplete();
      }
    }));
    try {
      await(done.future());
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(FullStack.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (XMPPTCPConnection c : clients) {
      c.disconnect();
    }
    watch.close();
    web.close();
    await(backend.close());
    await(vertx.close());
  }
}
