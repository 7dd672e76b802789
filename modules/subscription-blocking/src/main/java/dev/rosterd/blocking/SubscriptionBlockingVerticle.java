package dev.rosterd.blocking;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.SubscriptionAttempt;
import dev.rosterd.common.bus.SubscriptionVerdict;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@link Addresses#SUBSCRIPTION_ATTEMPT}: rosters belong to the web application, so no
 * client may subscribe or unsubscribe anyone; the c2s never routes these stanzas and asks here only
 * what to tell the sender ({@link SubscriptionVerdict}), per the configured policy.
 */
public final class SubscriptionBlockingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionBlockingVerticle.class);
  private static final Set<String> TYPES = Set.of("subscribe", "subscribed", "unsubscribe", "unsubscribed");

  private final AtomicLong blocked = new AtomicLong();
  private final Map<String, Counter> meters = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;
  private SubscriptionVerdict verdict;

  @Override
  public Future<?> start() {
    Jids.setUp();
    verdict = new SubscriptionVerdict(new SubscriptionBlockingOptions(config()).policy());
    MeterRegistry registry = Meters.registry(vertx);
    TYPES.forEach(type -> meters.put(type, Counter.builder(Meters.SUBSCRIPTIONS_BLOCKED)
        .description("subscription presence stanzas blocked")
        .tag("type", type)
        .register(registry)));
    consumer = vertx.eventBus().consumer(Addresses.SUBSCRIPTION_ATTEMPT, this::onAttempt);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }

  /** How many subscription stanzas this instance has blocked (the meter counts those of the node). */
  public long blocked() {
    return blocked.get();
  }

  private void onAttempt(Message<JsonObject> m) {
    SubscriptionAttempt a = m.body() == null ? null : SubscriptionAttempt.fromJson(m.body());
    if (a == null || a.type() == null || !TYPES.contains(a.type())) {
      m.fail(BusFailure.BAD_REQUEST, "not a subscription attempt: " + m.body());
      return;
    }
    blocked.incrementAndGet();
    meters.get(a.type()).increment();
    LOG.debug("blocked presence type={} from {} to {}: {}", a.type(), a.from(), a.to(), verdict.action());
    m.reply(verdict.toJson());
  }
}
