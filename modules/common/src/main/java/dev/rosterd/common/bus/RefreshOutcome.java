package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Reply on {@link Addresses#ROSTER_REFRESH}: {@code {"outcome": "updated"|"offline", "changes":
 * n}}. {@code offline}: the user has no session anywhere, so nothing was fetched (it counts as
 * updated to the web application). {@code changes}: how many contacts were added, removed or
 * changed.
 */
public record RefreshOutcome(Outcome outcome, int changes) {
  /** Whether the user was online and re-fetched, or offline and left alone. */
  public enum Outcome {
    UPDATED, OFFLINE
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .put("changes", changes);
  }

  public static RefreshOutcome fromJson(JsonObject j) {
    return new RefreshOutcome(
        Outcome.valueOf(j.getString("outcome").toUpperCase(Locale.ROOT)),
        j.getInteger("changes", 0));
  }
}
