package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Reply on {@link Addresses#AUTH_SCRAM}: {@code {"found": true, "salt": base64, "iterations": n,
 * "storedKey": base64, "serverKey": base64}} as RFC 5802 defines them, or {@code {"found": false}}
 * for an unknown user.
 */
public record ScramCredentials(
    boolean found, String salt, int iterations, String storedKey, String serverKey) {

  public static ScramCredentials notFound() {
    return new ScramCredentials(false, null, 0, null, null);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("found", found);
    if (found) {
      j.put("salt", salt).put("iterations", iterations);
      j.put("storedKey", storedKey).put("serverKey", serverKey);
    }
    return j;
  }

  public static ScramCredentials fromJson(JsonObject j) {
    if (!j.getBoolean("found", false)) {
      return notFound();
    }
    return new ScramCredentials(
        true,
        j.getString("salt"),
        j.getInteger("iterations", 0),
        j.getString("storedKey"),
        j.getString("serverKey"));
  }
}
