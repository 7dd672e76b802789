package dev.rosterd.admin;

import dev.rosterd.cache.RosterCacheVerticle;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RosterGet;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.fetcher.RosterFetcherVerticle;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.StandInSession;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The whole refresh path on one Vert.x: the fake backend, the real fetcher, cache and admin
 * verticles, sessions stood in by event-bus consumers in the real {@link SessionDirectory}, and a
 * real HTTP client.
 */
final class AdminHarness {
  static final String DOMAIN = "example.com";

  final Vertx vertx;
  final FakeRosterBackend backend;
  final WebClient http;
  AdminHttpVerticle admin;

  private AdminHarness(Vertx vertx, FakeRosterBackend backend) {
    this.vertx = vertx;
    this.backend = backend;
    this.http = WebClient.create(vertx);
  }

  /** Backend, fetcher, cache and admin router. */
  static AdminHarness start(Vertx vertx, JsonObject adminConfig) {
    AdminHarness h = new AdminHarness(vertx, await(FakeRosterBackend.start(vertx)));
    h.deploy(new RosterFetcherVerticle(), new JsonObject().put("http_roster_url", h.backend.rosterUrl()));
    h.deploy(new RosterCacheVerticle(), new JsonObject());
    h.deployAdmin(adminConfig);
    return h;
  }

  /** The admin router alone: nobody consumes the cache's addresses. */
  static AdminHarness adminOnly(Vertx vertx, JsonObject adminConfig) {
    AdminHarness h = new AdminHarness(vertx, await(FakeRosterBackend.start(vertx)));
    h.deployAdmin(adminConfig);
    return h;
  }

  private void deployAdmin(JsonObject config) {
    admin = new AdminHttpVerticle();
    deploy(admin, new JsonObject().put("port", 0).mergeIn(config));
  }

  private void deploy(io.vertx.core.Deployable verticle, JsonObject config) {
    await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.put("domain", DOMAIN))));
  }

  /** A session of {@code user}, its roster loaded as at login; returns what is pushed to it. */
  BlockingQueue<JsonObject> online(String user) {
    BlockingQueue<JsonObject> received = await(StandInSession.online(vertx, user + "@" + DOMAIN, "phone"));
    rosterOf(user);
    return received;
  }

  RosterSnapshot rosterOf(String user) {
    return await(vertx.eventBus().<JsonObject>request(Addresses.ROSTER_GET, new RosterGet(user).toJson())
        .map(m -> RosterSnapshot.fromJson(m.body())));
  }

  HttpResponse<Buffer> post(String body) {
    var req = http.post(admin.actualPort(), "127.0.0.1", RosterAdminRoutes.REFRESH);
    return await(body == null ? req.send() : req.sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> get(String path) {
    return await(http.get(admin.actualPort(), "127.0.0.1", path).send());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result within 10 s", e);
    }
  }
}
