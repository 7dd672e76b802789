package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario {@code refresh} (and {@code cluster}, the same over several c2s ports): U users log in
 * as in {@code login_roster} and stay online with their rosters loaded; after {@code
 * --settle-seconds} every roster gains a contact at the backend and one {@code POST
 * /roster_admin/refresh} names all U. Reports the time to the HTTP reply, the time until every
 * client has its push, and users refreshed per second, counted up to the later of the two (the
 * reference answers only after it has pushed, rosterd may answer first; the later one is when the
 * work is done either way). The login figures come along with the prefix {@code login_}.
 */
final class Refresh {
  private Refresh() {}

  static Future<JsonObject> run(Vertx vertx, HarnessSettings s, LoadBackend backend) {
    int expected = backend.rosterSize();
    return Fleet.start(vertx, s).compose(fleet -> fleet.login(fleet.create(0, s.clients()))
        .compose(logins -> LoadHarness.pause(vertx, s.settleSeconds())
            .compose(t -> refresh(vertx, s, backend, fleet.clients()))
            .map(refresh -> new JsonObject()
                .put("nodes", s.targets().size())
                .put("users_refreshed", s.clients())
                .mergeIn(prefixed("login_", logins.toJson(expected)))
                .mergeIn(refresh)))
        .eventually(fleet::close));
  }

  private static Future<JsonObject> refresh(Vertx vertx, HarnessSettings s, LoadBackend backend, List<LoadClient> clients) {
    AtomicInteger pushed = new AtomicInteger();
    Promise<Long> allPushed = Promise.promise();
    long[] start = new long[1];
    LoadClient.Observer observer = new LoadClient.Observer() {
      @Override
      public void pushed(LoadClient client, boolean first) {
        if (first && pushed.incrementAndGet() == clients.size()) {
          allPushed.tryComplete(System.nanoTime() - start[0]);
        }
      }
    };
    JsonArray names = new JsonArray();
    clients.forEach(c -> names.add(c.user()));
    long requestsBefore = backend.rosterRequests();
    return Future.all(clients.stream().map(c -> c.observe(observer)).toList()).compose(ready -> {
      backend.gainContact();
      start[0] = System.nanoTime();
      Future<JsonObject> http = post(vertx, s, names, start[0]);
      Future<Long> pushes = allPushed.future();
      long wait = s.waitSeconds() * 1000L;
      long timer = vertx.setTimer(wait, t -> allPushed.tryFail("not every client had its push after " + wait + " ms"));
      pushes.onComplete(ar -> vertx.cancelTimer(timer));
      // No pushes will come when the server refused the refresh: do not wait for them.
      http.onComplete(ar -> {
        if (ar.failed() || ar.result().getInteger("http_status") != 200) {
          allPushed.tryFail("the refresh was not accepted");
        }
      });
      return Future.join(http, pushes).transform(done -> {
        JsonObject j = http.succeeded() ? http.result()
            : new JsonObject().put("http_failure", String.valueOf(http.cause().getMessage()));
        j.put("pushes", pushed.get());
        if (pushes.succeeded()) {
          j.put("all_pushes_ms", Latencies.millis(pushes.result()));
        } else {
          j.put("push_failure", pushes.cause().getMessage()).put("missing_pushes_by_port", missing(clients));
        }
        if (http.succeeded() && pushes.succeeded()) {
          double seconds = Math.max(j.getDouble("http_ms"), j.getDouble("all_pushes_ms")) / 1000;
          j.put("users_per_s", Math.round(clients.size() / seconds * 10) / 10.0);
        }
        return Future.succeededFuture(j.put("backend_roster_requests", backend.rosterRequests() - requestsBefore));
      });
    });
  }

  /** How many clients had no push, by the c2s port they are connected to (which node). */
  private static JsonObject missing(List<LoadClient> clients) {
    JsonObject byPort = new JsonObject();
    for (LoadClient c : clients) {
      if (c.pushes() == 0) {
        String port = String.valueOf(c.target().port());
        byPort.put(port, byPort.getInteger(port, 0) + 1);
      }
    }
    return byPort;
  }

  /** The POST; the reply's {@code updated} and {@code errors} with the status and the time it took. */
  private static Future<JsonObject> post(Vertx vertx, HarnessSettings s, JsonArray names, long start) {
    HttpClient http = vertx.createHttpClient();
    RequestOptions req = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(s.adminUrl() + "/roster_admin/refresh")
        .putHeader("Content-Type", "application/json")
        .setIdleTimeout(s.waitSeconds() * 1000L);
    return http.request(req)
        .compose(r -> r.send(Buffer.buffer(names.encode())))
        .compose(resp -> resp.body().map(body -> {
          long took = System.nanoTime() - start;
          JsonObject j = new JsonObject().put("http_status", resp.statusCode()).put("http_ms", Latencies.millis(took));
          try {
            JsonObject reply = new JsonObject(body);
            j.put("updated", reply.getValue("updated")).put("errors", reply.getValue("errors"));
          } catch (RuntimeException notJson) {
            j.put("http_body", body.toString());
          }
          return j;
        }))
        .eventually(http::close);
  }

  private static JsonObject prefixed(String prefix, JsonObject j) {
    JsonObject out = new JsonObject();
    j.forEach(e -> out.put(prefix + e.getKey(), e.getValue()));
    return out;
  }
}
