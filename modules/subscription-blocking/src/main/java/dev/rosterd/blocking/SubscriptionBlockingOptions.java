package dev.rosterd.blocking;

import dev.rosterd.common.bus.SubscriptionVerdict.Action;
import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Config of subscription blocking, section {@value #SECTION}: {@code {"policy": "drop"}}. */
public final class SubscriptionBlockingOptions {
  public static final String SECTION = "subscriptionBlocking";

  /**
   * {@code policy}: what the sender of a blocked subscription presence hears. {@code drop}: nothing,
   * as Prosody's mod_block_subscriptions does; {@code error}: the stanza bounces with {@code
   * <not-allowed/>}, so a client can tell the user why nothing happened. Default {@code drop}.
   */
  public static final String DEFAULT_POLICY = "drop";

  private final String domain;
  private final Action policy;

  public SubscriptionBlockingOptions(JsonObject deploymentConfig) {
    ConfigReader r = new ConfigReader(deploymentConfig, SECTION);
    domain = r.requiredString("domain");
    policy = Action.valueOf(r.oneOf("policy", DEFAULT_POLICY, "drop", "error").toUpperCase(Locale.ROOT));
    r.rejectUnknownKeys();
  }

  public String domain() {
    return domain;
  }

  public Action policy() {
    return policy;
  }
}
