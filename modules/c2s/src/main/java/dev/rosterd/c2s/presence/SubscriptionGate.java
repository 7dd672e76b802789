package dev.rosterd.c2s.presence;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.SubscriptionAttempt;
import dev.rosterd.common.bus.SubscriptionVerdict;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscription presence (subscribe, subscribed, unsubscribe, unsubscribed) is never routed, to a
 * bare or a full JID alike: the web application alone decides who sees whom. The subscription
 * blocking piece says whether the sender hears about it ({@link Addresses#SUBSCRIPTION_ATTEMPT});
 * without an answer the stanza is dropped all the same (fail closed).
 */
public final class SubscriptionGate {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionGate.class);

  /** The presence types this gate stops. */
  public static final Set<String> TYPES = Set.of("subscribe", "subscribed", "unsubscribe", "unsubscribed");

  /** How long to wait for the verdict before dropping silently. */
  static final long VERDICT_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final AtomicBoolean warned = new AtomicBoolean();

  public SubscriptionGate(Vertx vertx) {
    this.vertx = vertx;
  }

  public static boolean stops(Element presence) {
    String type = presence.attribute("type");
    return type != null && TYPES.contains(type);
  }

  /**
   * Blocks {@code presence} (already stamped with the sender's full JID).
   *
   * @return the {@code <not-allowed/>} bounce for the sender when the policy says so
   */
  public Future<Optional<Element>> block(Element presence) {
    SubscriptionAttempt attempt = new SubscriptionAttempt(
        presence.attribute("from"), presence.attribute("to"), presence.attribute("type"));
    // Asked while subscription blocking is being redeployed, the request waits for it (BusRequest).
    return BusRequest.send(vertx, Addresses.SUBSCRIPTION_ATTEMPT, attempt.toJson(), VERDICT_TIMEOUT_MS)
        .map(reply -> SubscriptionVerdict.fromJson(reply.body()).action() == SubscriptionVerdict.Action.ERROR
            ? Optional.of(StanzaError.reply(presence, StanzaError.Type.CANCEL, "not-allowed"))
            : Optional.<Element>empty())
        .otherwise(e -> {
          if (warned.compareAndSet(false, true)) {
            log.warn("subscription presence is dropped without a verdict (subscription blocking did not answer: {})",
                e.getMessage());
          } else {
            log.debug("no subscription verdict: {}", e.getMessage());
          }
          return Optional.empty();
        });
  }
}
