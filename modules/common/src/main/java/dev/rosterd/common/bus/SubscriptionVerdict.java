package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Reply on {@link Addresses#SUBSCRIPTION_ATTEMPT}: {@code {"action": "drop"|"error"}}. {@code
 * drop}: say nothing (as Prosody's mod_block_subscriptions does); {@code error}: bounce the stanza
 * to its sender with {@code <not-allowed/>}. Either way the stanza is not routed.
 */
public record SubscriptionVerdict(Action action) {
  /** What the c2s does with the blocked stanza. */
  public enum Action {
    DROP, ERROR
  }

  public JsonObject toJson() {
    return new JsonObject().put("action", action.name().toLowerCase(Locale.ROOT));
  }

  public static SubscriptionVerdict fromJson(JsonObject j) {
    return new SubscriptionVerdict(
        Action.valueOf(j.getString("action", "drop").toUpperCase(Locale.ROOT)));
  }
}
