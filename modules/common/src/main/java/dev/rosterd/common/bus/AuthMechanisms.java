package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reply on {@link Addresses#AUTH_MECHANISMS}: {@code {"mechanisms": ["SCRAM-SHA-256",
 * "SCRAM-SHA-1", "PLAIN"]}}, strongest first.
 */
public record AuthMechanisms(List<String> mechanisms) {
  public JsonObject toJson() {
    return new JsonObject().put("mechanisms", new JsonArray(List.copyOf(mechanisms)));
  }

  @SuppressWarnings("unchecked")
  public static AuthMechanisms fromJson(JsonObject j) {
    return new AuthMechanisms(List.copyOf(j.getJsonArray("mechanisms", new JsonArray()).getList()));
  }
}
