package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Scenario {@code login_roster}: C clients (users 0 .. C-1) each connect, authenticate with PLAIN
 * without TLS, bind, get their roster and send presence, at most {@code --in-flight} at a time.
 * They stay online until all are done (so later logins meet contacts who are online, as in real
 * life), then disconnect. Reports logins per second over the whole batch and the roster reply's
 * p50/p99/max, measured from the roster get to its result.
 */
final class LoginRoster {
  private LoginRoster() {}

  static Future<JsonObject> run(Vertx vertx, HarnessSettings s, LoadBackend backend) {
    long requestsBefore = backend == null ? 0 : backend.rosterRequests();
    int expected = backend == null ? Math.min(s.contacts(), s.users().count() - 1) : backend.rosterSize();
    return Fleet.start(vertx, s).compose(fleet -> fleet.login(fleet.create(0, s.clients()))
        .compose(logins -> fleet.close().map(v -> {
          JsonObject line = new JsonObject()
              .put("clients", s.clients())
              .put("in_flight", s.inFlight())
              .mergeIn(logins.toJson(expected));
          return backend == null ? line
              : line.put("backend_roster_requests", backend.rosterRequests() - requestsBefore);
        })));
  }
}
