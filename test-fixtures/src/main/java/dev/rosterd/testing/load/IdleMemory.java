package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Scenario {@code memory}: the server's RSS ({@code --server-pid}) with 0, 1,000, 5,000 and 10,000
 * ({@code --levels}) idle sessions, each logged in as in {@code login_roster} (roster loaded,
 * presence sent) and then silent. Each reading is taken {@code --settle-seconds} after the level
 * is reached. KB per session is the growth from the first level to the last, divided by the
 * sessions added. What the RSS of a JVM includes depends on its heap settings, so the scripts put
 * them in {@code --label}.
 */
final class IdleMemory {
  private IdleMemory() {}

  static Future<JsonObject> run(Vertx vertx, HarnessSettings s, LoadBackend backend) {
    if (s.serverPid() <= 0) {
      return Future.failedFuture("the memory scenario needs --server-pid");
    }
    JsonArray levels = new JsonArray();
    return Fleet.start(vertx, s).compose(fleet -> {
      Future<Void> chain = Future.succeededFuture();
      int[] online = {0};
      for (int level : s.levels()) {
        chain = chain
            .compose(v -> fleet.login(fleet.create(online[0], level)))
            .compose(logins -> {
              online[0] = level;
              int failed = logins.toJson(0).getInteger("failures");
              return LoadHarness.pause(vertx, s.settleSeconds())
                  .compose(t -> ServerMemory.rssKb(vertx, s.serverPid()))
                  .map(rss -> levels.add(new JsonObject()
                      .put("sessions", level).put("rss_kb", rss).put("failed_logins", failed)));
            })
            .mapEmpty();
      }
      return chain.map(v -> summary(levels)).eventually(fleet::close);
    });
  }

  private static JsonObject summary(JsonArray levels) {
    JsonObject first = levels.getJsonObject(0);
    JsonObject last = levels.getJsonObject(levels.size() - 1);
    int added = last.getInteger("sessions") - first.getInteger("sessions");
    int failed = levels.stream().mapToInt(o -> ((JsonObject) o).getInteger("failed_logins")).sum();
    JsonObject j = new JsonObject().put("levels", levels).put("failed_logins", failed);
    if (added > 0) {
      double kb = (last.getLong("rss_kb") - first.getLong("rss_kb")) / (double) added;
      j.put("kb_per_session", Math.round(kb * 100) / 100.0);
    }
    return j;
  }
}
