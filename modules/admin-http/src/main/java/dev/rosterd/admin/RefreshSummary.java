package dev.rosterd.admin;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to a refresh POST, in the reference module's shape: {@code {"status": "ok"|"error",
 * "message": "...", "updated": n, "errors": m}}, plus {@code "failed": {"user": "reason"}} when
 * some user failed. Offline users count as updated. {@code status} is {@code error} only when every
 * user failed.
 */
final class RefreshSummary {
  private final Map<String, String> failed = new TreeMap<>();
  private int updated;

  void updated() {
    updated++;
  }

  void failed(String username, String reason) {
    failed.put(username, reason);
  }

  JsonObject toJson() {
    boolean allFailed = updated == 0 && !failed.isEmpty();
    JsonObject j = new JsonObject()
        .put("status", allFailed ? "error" : "ok")
        .put("message", allFailed ? "roster update failed for every user" : "roster update complete")
        .put("updated", updated)
        .put("errors", failed.size());
    if (!failed.isEmpty()) {
      j.put("failed", new JsonObject(Map.copyOf(failed)));
    }
    return j;
  }
}
