package dev.rosterd.common.session;

import io.vertx.core.json.JsonObject;

/**
 * One bound resource in the {@link SessionDirectory}.
 *
 * <p>JSON form: {@code {"address": "rosterd.session.<id>", "priority": n, "available": bool}}.
 *
 * @param address the event-bus address of the session ({@code Addresses.SESSION_PREFIX + id})
 * @param priority the priority of its last available presence (RFC 6121 §4.7.2.3); 0 before any
 * @param available whether it has sent available presence and not since gone unavailable
 */
public record SessionEntry(String address, int priority, boolean available) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("address", address)
        .put("priority", priority)
        .put("available", available);
  }

  public static SessionEntry fromJson(JsonObject j) {
    return new SessionEntry(
        j.getString("address"), j.getInteger("priority", 0), j.getBoolean("available", false));
  }
}
