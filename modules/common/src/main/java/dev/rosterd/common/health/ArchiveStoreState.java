package dev.rosterd.common.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the archive piece's store (the database behind offline messages and the message archive)
 * answered its last request, wherever in the cluster that ran: kept in the shared-data map {@value
 * LastFetch#MAP} under {@value #KEY}, written by the archive piece at start and whenever the store
 * goes from working to failing or back, read by the admin router's {@code /health}.
 *
 * <p>JSON form: {@code {"up": true|false, "store": "postgresql db.example.com:5432/rosterd", "at":
 * "ISO-8601", "reason": "why it failed"}} ({@code reason} only when down).
 *
 * @param up whether the last request to the store succeeded
 * @param store which store, as log lines name it
 * @param at when that was seen
 * @param reason why it failed, or null
 */
public record ArchiveStoreState(boolean up, String store, Instant at, String reason) {
  static final String KEY = "archiveStore";

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("up", up).put("store", store).put("at", at.toString());
    if (reason != null) {
      j.put("reason", reason);
    }
    return j;
  }

  public static ArchiveStoreState fromJson(JsonObject j) {
    return new ArchiveStoreState(j.getBoolean("up", false), j.getString("store"),
        Instant.parse(j.getString("at")), j.getString("reason"));
  }

  /** Records this state as the store's current one. */
  public Future<Void> record(Vertx vertx) {
    return vertx.sharedData().<String, JsonObject>getAsyncMap(LastFetch.MAP).compose(m -> m.put(KEY, toJson()));
  }

  /** The state last recorded anywhere; empty when no archive piece has started. */
  public static Future<Optional<ArchiveStoreState>> read(Vertx vertx) {
    return vertx.sharedData().<String, JsonObject>getAsyncMap(LastFetch.MAP)
        .compose(m -> m.get(KEY))
        .map(j -> Optional.ofNullable(j).map(ArchiveStoreState::fromJson));
  }
}
