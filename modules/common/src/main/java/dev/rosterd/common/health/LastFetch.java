package dev.rosterd.common.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * How the last roster fetch from the web application went, wherever in the cluster it ran: kept in
 * the shared-data map {@value #MAP} under {@value #KEY}, written by the roster fetcher after each
 * fetch and read by the admin router's {@code /health}.
 *
 * <p>JSON form: {@code {"ok": true|false, "at": "ISO-8601", "reason": "why it failed"}} ({@code
 * reason} only when it failed).
 *
 * @param ok whether the fetch got a roster
 * @param at when it ended
 * @param reason why it failed, or null
 */
public record LastFetch(boolean ok, Instant at, String reason) {
  /** The shared-data map that holds rosterd's health facts. */
  public static final String MAP = "rosterd.health";

  static final String KEY = "lastBackendFetch";

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("ok", ok).put("at", at.toString());
    if (reason != null) {
      j.put("reason", reason);
    }
    return j;
  }

  public static LastFetch fromJson(JsonObject j) {
    return new LastFetch(j.getBoolean("ok", false), Instant.parse(j.getString("at")), j.getString("reason"));
  }

  /** Records this outcome as the last one. */
  public Future<Void> record(Vertx vertx) {
    return vertx.sharedData().<String, JsonObject>getAsyncMap(MAP).compose(m -> m.put(KEY, toJson()));
  }

  /** The last outcome recorded anywhere; empty when no fetch has run yet. */
  public static Future<Optional<LastFetch>> read(Vertx vertx) {
    return vertx.sharedData().<String, JsonObject>getAsyncMap(MAP)
        .compose(m -> m.get(KEY))
        .map(j -> Optional.ofNullable(j).map(LastFetch::fromJson));
  }
}
