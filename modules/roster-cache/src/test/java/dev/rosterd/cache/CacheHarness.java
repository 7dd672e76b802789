package dev.rosterd.cache;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RefreshOutcome;
import dev.rosterd.common.bus.RosterGet;
import dev.rosterd.common.bus.RosterRefresh;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.fetcher.RosterFetcherVerticle;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.StandInSession;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The fake backend, the real fetcher and cache verticles, and stand-ins for sessions: event-bus
 * consumers recorded in the real {@link SessionDirectory}, collecting what is sent to them.
 */
final class CacheHarness {
  static final String DOMAIN = "example.com";

  final Vertx vertx;
  final FakeRosterBackend backend;
  String cacheDeployment;

  private CacheHarness(Vertx vertx, FakeRosterBackend backend) {
    this.vertx = vertx;
    this.backend = backend;
  }

  static CacheHarness start(Vertx vertx) {
    FakeRosterBackend backend = await(FakeRosterBackend.start(vertx));
    CacheHarness h = new CacheHarness(vertx, backend);
    JsonObject fetcher = new JsonObject().put("domain", DOMAIN).put("http_roster_url", backend.rosterUrl());
    await(vertx.deployVerticle(new RosterFetcherVerticle(), new DeploymentOptions().setConfig(fetcher)));
    h.deployCache();
    return h;
  }

  void deployCache() {
    cacheDeployment = await(vertx.deployVerticle(
        new RosterCacheVerticle(), new DeploymentOptions().setConfig(new JsonObject().put("domain", DOMAIN))));
  }

  void undeployCache() {
    await(vertx.undeploy(cacheDeployment));
  }

  /** A session of {@code user} at {@code resource}; returns what arrives at its address. */
  BlockingQueue<JsonObject> online(String user, String resource) {
    return await(StandInSession.online(vertx, user + "@" + DOMAIN, resource));
  }

  void offline(String user, String resource) {
    await(StandInSession.offline(vertx, user + "@" + DOMAIN, resource));
  }

  Future<RosterSnapshot> get(String user) {
    return vertx.eventBus().<JsonObject>request(Addresses.ROSTER_GET, new RosterGet(user).toJson())
        .map(m -> RosterSnapshot.fromJson(m.body()));
  }

  Future<RefreshOutcome> refresh(String user) {
    return vertx.eventBus().<JsonObject>request(Addresses.ROSTER_REFRESH, new RosterRefresh(user).toJson())
        .map(m -> RefreshOutcome.fromJson(m.body()));
  }

  /** Sends a release as a request, so the test knows when it has been handled. */
  void release(String user) {
    await(vertx.eventBus().request(Addresses.ROSTER_RELEASE, new RosterRelease(user).toJson()));
  }

  /** The shared-data entry of a user (stored as JSON text), or null. */
  JsonObject cached(String user) {
    String text = await(vertx.sharedData().<String, String>getAsyncMap(SharedRosters.MAP).compose(m -> m.get(user)));
    return text == null ? null : new JsonObject(text);
  }

  static ReplyException failure(Future<?> f) {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (ReplyException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a failed reply, got " + e, e);
    }
    throw new AssertionError("expected a failure, got " + f.result());
  }

  static JsonObject next(BlockingQueue<JsonObject> q) {
    try {
      JsonObject m = q.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("nothing arrived within 10 s");
      }
      return m;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result within 10 s", e);
    }
  }
}
