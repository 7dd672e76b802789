package dev.rosterd.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.SubscriptionAttempt;
import dev.rosterd.common.bus.SubscriptionVerdict;
import dev.rosterd.common.bus.SubscriptionVerdict.Action;
import dev.rosterd.common.config.ConfigException;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every subscription presence type gets the configured verdict, and is counted. */
@ExtendWith(VertxExtension.class)
class BlockingPolicyTest {
  private static final List<String> TYPES = List.of("subscribe", "subscribed", "unsubscribe", "unsubscribed");

  private static SubscriptionBlockingVerticle deploy(Vertx vertx, JsonObject config) throws Exception {
    SubscriptionBlockingVerticle v = new SubscriptionBlockingVerticle();
    vertx.deployVerticle(v, new DeploymentOptions().setConfig(config.put("domain", "example.com")))
        .await(10, TimeUnit.SECONDS);
    return v;
  }

  private static Future<SubscriptionVerdict> ask(Vertx vertx, String type, String to) {
    return vertx.eventBus()
        .<JsonObject>request(Addresses.SUBSCRIPTION_ATTEMPT,
            new SubscriptionAttempt("alice@example.com/phone", to, type).toJson())
        .map(m -> SubscriptionVerdict.fromJson(m.body()));
  }

  @Test
  void dropByDefault(Vertx vertx) throws Exception {
    SubscriptionBlockingVerticle v = deploy(vertx, new JsonObject());
    for (String type : TYPES) {
      assertEquals(Action.DROP, ask(vertx, type, "bob@example.com").await(10, TimeUnit.SECONDS).action());
      assertEquals(Action.DROP, ask(vertx, type, "bob@example.com/laptop").await(10, TimeUnit.SECONDS).action());
    }
    assertEquals(8, v.blocked());
  }

  @Test
  void errorPolicy(Vertx vertx) throws Exception {
    SubscriptionBlockingVerticle v = deploy(vertx, new JsonObject().put("policy", "error"));
    for (String type : TYPES) {
      assertEquals(Action.ERROR, ask(vertx, type, "bob@example.com").await(10, TimeUnit.SECONDS).action());
    }
    assertEquals(4, v.blocked());
  }

  @Test
  void notASubscriptionIsABadRequest(Vertx vertx) throws Exception {
    SubscriptionBlockingVerticle v = deploy(vertx, new JsonObject());
    ReplyException e = assertThrows(ReplyException.class,
        () -> ask(vertx, "probe", "bob@example.com").await(10, TimeUnit.SECONDS));
    assertEquals(BusFailure.BAD_REQUEST, e.failureCode());
    assertEquals(0, v.blocked());
  }

  @Test
  void unknownPolicyNamesTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> new SubscriptionBlockingOptions(
        new JsonObject().put("domain", "example.com").put("policy", "bounce")));
    assertEquals("subscriptionBlocking.policy", e.key());
  }
}
