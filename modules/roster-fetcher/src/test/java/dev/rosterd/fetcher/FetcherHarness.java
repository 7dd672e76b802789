package dev.rosterd.fetcher;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RosterFetch;
import dev.rosterd.common.bus.RosterItems;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/** A fake backend and a deployed fetcher, and ways to ask it over the event bus. */
final class FetcherHarness {
  final Vertx vertx;
  final FakeRosterBackend backend;

  private FetcherHarness(Vertx vertx, FakeRosterBackend backend) {
    this.vertx = vertx;
    this.backend = backend;
  }

  static FetcherHarness start(Vertx vertx, JsonObject extraConfig) {
    FakeRosterBackend backend = await(FakeRosterBackend.start(vertx));
    JsonObject config = new JsonObject()
        .put("domain", "example.com")
        .put("http_roster_url", backend.rosterUrl())
        .mergeIn(extraConfig);
    await(vertx.deployVerticle(new RosterFetcherVerticle(), new DeploymentOptions().setConfig(config)));
    return new FetcherHarness(vertx, backend);
  }

  Future<RosterItems> fetch(String username) {
    return vertx.eventBus()
        .<JsonObject>request(Addresses.ROSTER_FETCH, new RosterFetch(username).toJson())
        .map(m -> RosterItems.fromJson(m.body()));
  }

  /** The failure of a fetch that must fail. */
  ReplyException failure(String username) {
    Future<RosterItems> f = fetch(username);
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof ReplyException r) {
        return r;
      }
      throw new AssertionError("expected a failed reply, got " + e, e);
    }
    throw new AssertionError("expected the fetch of " + username + " to fail, got " + f.result());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result within 10 s", e);
    }
  }
}
