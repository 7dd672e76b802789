package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/** Reply on {@link Addresses#AUTH_PLAIN}: {@code {"ok": true|false}}. */
public record AuthResult(boolean ok) {
  public JsonObject toJson() {
    return new JsonObject().put("ok", ok);
  }

  public static AuthResult fromJson(JsonObject j) {
    return new AuthResult(j.getBoolean("ok", false));
  }
}
