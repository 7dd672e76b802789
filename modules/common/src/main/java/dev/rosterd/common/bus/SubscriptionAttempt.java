package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#SUBSCRIPTION_ATTEMPT}: {@code {"from": full JID, "to": JID as
 * addressed, "type": "subscribe"|"subscribed"|"unsubscribe"|"unsubscribed"}}.
 */
public record SubscriptionAttempt(String from, String to, String type) {
  public JsonObject toJson() {
    return new JsonObject().put("from", from).put("to", to).put("type", type);
  }

  public static SubscriptionAttempt fromJson(JsonObject j) {
    return new SubscriptionAttempt(j.getString("from"), j.getString("to"), j.getString("type"));
  }
}
