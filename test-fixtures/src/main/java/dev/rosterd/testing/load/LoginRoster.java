package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Scenario {@code login_roster}: C clients (users 0 .. C-1) each connect, authenticate with PLAIN
 * without TLS, bind, get their roster and send presence, at most {@code --in-flight} at a time.
 * They stay online until all are done (so later logins meet contacts who are online, as in real
 * life), then disconnect. Reports logins per second over the whole batch and the roster reply's
 * p50/p99/max, measured from the roster get to its result; with {@code --server-pid}, also the CPU
 * time the server used per login during the batch, which the machine's other load does not change
 * the way it changes the rate.
 */
final class LoginRoster {
  private LoginRoster() {}

  static Future<JsonObject> run(Vertx vertx, HarnessSettings s, LoadBackend backend) {
    long requestsBefore = backend == null ? 0 : backend.rosterRequests();
    int expected = backend == null ? Math.min(s.contacts(), s.users().count() - 1) : backend.rosterSize();
    return Fleet.start(vertx, s).compose(fleet -> cpu(vertx, s).compose(cpuBefore ->
        fleet.login(fleet.create(0, s.clients())).compose(logins -> cpu(vertx, s).compose(cpuAfter ->
            fleet.close().map(v -> {
              JsonObject line = new JsonObject()
                  .put("clients", s.clients())
                  .put("in_flight", s.inFlight())
                  .mergeIn(logins.toJson(expected));
              if (cpuBefore != null) {
                double ms = (cpuAfter - cpuBefore) * 1000 / s.clients();
                line.put("server_cpu_ms_per_login", Math.round(ms * 1000) / 1000.0);
              }
              return backend == null ? line
                  : line.put("backend_roster_requests", backend.rosterRequests() - requestsBefore);
            })))));
  }

  /** The server's CPU seconds so far with {@code --server-pid}, else null. */
  private static Future<Double> cpu(Vertx vertx, HarnessSettings s) {
    return s.serverPid() > 0 ? ServerCpu.seconds(vertx, s.serverPid()) : Future.succeededFuture(null);
  }
}
