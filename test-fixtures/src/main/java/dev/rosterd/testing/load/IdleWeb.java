package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Scenarios {@code idle_websocket} and {@code idle_bosh}: the {@code memory} scenario for browser
 * sessions. Sessions are logged in over XMPP over WebSocket ({@code --websocket-url}) or BOSH
 * ({@code --bosh-url}) up to each of {@code --levels}, each as in {@code login_roster} (roster
 * loaded, presence sent) and then idle: a WebSocket answers the server's pings, a BOSH session
 * keeps one request held and sends it again whenever it comes back. Each level reports the logins
 * per second of its batch and, with {@code --server-pid}, the server's RSS {@code
 * --settle-seconds} after it was reached. After the last level the sessions stay idle for {@code
 * --idle-seconds} more (longer than the server's ping or BOSH wait, the run shows they are kept),
 * and {@code sessions_held} counts those the server still has (each pings the server, XEP-0199,
 * and is counted when answered).
 */
final class IdleWeb {
  private IdleWeb() {}

  static Future<JsonObject> run(Vertx vertx, HarnessSettings s, WebFleet.Transport transport) {
    JsonArray levels = new JsonArray();
    int top = s.levels().get(s.levels().size() - 1);
    return WebFleet.start(vertx, s, transport, top).compose(fleet -> {
      Future<Void> chain = Future.succeededFuture();
      int[] online = {0};
      for (int level : s.levels()) {
        chain = chain
            .compose(v -> fleet.login(fleet.create(online[0], level)))
            .compose(logins -> {
              online[0] = level;
              JsonObject j = logins.toJson(0);
              JsonObject reading = new JsonObject().put("sessions", level)
                  .put("logins", j.getInteger("logins")).put("failed_logins", j.getInteger("failures"))
                  .put("login_seconds", j.getDouble("seconds")).put("logins_per_s", j.getDouble("logins_per_s"));
              if (j.containsKey("first_failure")) {
                reading.put("first_failure", j.getString("first_failure"));
              }
              return LoadHarness.pause(vertx, s.settleSeconds())
                  .compose(t -> s.serverPid() > 0 ? ServerMemory.rssKb(vertx, s.serverPid()) : Future.succeededFuture(null))
                  .map(rss -> levels.add(rss == null ? reading : reading.put("rss_kb", rss)));
            })
            .mapEmpty();
      }
      return chain
          .compose(v -> LoadHarness.pause(vertx, s.idleSeconds()))
          .compose(v -> fleet.held())
          .map(held -> summary(transport, levels, held, s.idleSeconds()))
          .eventually(fleet::close);
    });
  }

  private static JsonObject summary(WebFleet.Transport transport, JsonArray levels, int held, int idleSeconds) {
    JsonObject first = levels.getJsonObject(0);
    JsonObject last = levels.getJsonObject(levels.size() - 1);
    int added = last.getInteger("sessions") - first.getInteger("sessions");
    int logins = 0;
    int failed = 0;
    double seconds = 0;
    for (Object o : levels) {
      JsonObject l = (JsonObject) o;
      logins += l.getInteger("logins");
      failed += l.getInteger("failed_logins");
      seconds += l.getDouble("login_seconds");
    }
    JsonObject j = new JsonObject()
        .put("transport", transport.name().toLowerCase(java.util.Locale.ROOT))
        .put("levels", levels)
        .put("failed_logins", failed)
        .put("logins_per_s", seconds == 0 ? 0 : Math.round(logins / seconds * 10) / 10.0)
        .put("idle_seconds", idleSeconds)
        .put("sessions_held", held);
    if (added > 0 && first.containsKey("rss_kb")) {
      double kb = (last.getLong("rss_kb") - first.getLong("rss_kb")) / (double) added;
      j.put("kb_per_session", Math.round(kb * 100) / 100.0);
    }
    return j;
  }
}
