package dev.rosterd.c2s.session;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * The session layer of one c2s instance, started straight through {@link Sessions#start} with no
 * socket, and {@link RosterStandIn} answering for the roster cache.
 */
record SessionHarness(SessionLayer sessions, RosterStandIn cache) {
  static SessionHarness start(Vertx vertx) throws Exception {
    SessionLayer sessions = Sessions.start(vertx, TestClient.DOMAIN);
    RosterStandIn cache = RosterStandIn.start(vertx).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return new SessionHarness(sessions, cache);
  }
}
