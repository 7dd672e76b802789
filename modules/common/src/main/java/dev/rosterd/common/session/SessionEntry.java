package dev.rosterd.common.session;

import io.vertx.core.json.JsonObject;

/**
 * One bound resource in the {@link SessionDirectory}.
 *
 * <p>JSON form: {@code {"address": "rosterd.session.<id>", "priority": n, "available": bool}}, plus
 * {@code "carbons": true} while the resource has message carbons enabled (absent otherwise).
 *
 * @param address the event-bus address of the session ({@code Addresses.SESSION_PREFIX + id})
 * @param priority the priority of its last available presence (RFC 6121 §4.7.2.3); 0 before any
 * @param available whether it has sent available presence and not since gone unavailable
 * @param carbons whether it asked for copies of its user's other resources' chats (XEP-0280)
 */
public record SessionEntry(String address, int priority, boolean available, boolean carbons) {
  /** A resource without carbons. */
  public SessionEntry(String address, int priority, boolean available) {
    this(address, priority, available, false);
  }

  /** This entry after an available or unavailable presence of the given priority. */
  public SessionEntry withPresence(int newPriority, boolean nowAvailable) {
    return new SessionEntry(address, newPriority, nowAvailable, carbons);
  }

  /** This entry with carbons enabled or disabled. */
  public SessionEntry withCarbons(boolean enabled) {
    return new SessionEntry(address, priority, available, enabled);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put("address", address)
        .put("priority", priority)
        .put("available", available);
    return carbons ? j.put("carbons", true) : j;
  }

  public static SessionEntry fromJson(JsonObject j) {
    return new SessionEntry(
        j.getString("address"), j.getInteger("priority", 0), j.getBoolean("available", false),
        j.getBoolean("carbons", false));
  }
}
