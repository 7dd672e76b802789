package dev.rosterd.auth;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthResult;
import dev.rosterd.common.bus.PlainCheck;
import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A Vert.x with a metrics registry the test reads, running the auth piece; asked from the test thread. */
final class MeteredAuth implements AutoCloseable {
  final Vertx vertx;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  MeteredAuth(JsonObject config) throws Exception {
    // A name of its own: Micrometer's backends are found by name, and the last test's may linger.
    String name = "auth-test-" + UUID.randomUUID();
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(
            new MicrometerMetricsOptions().setEnabled(true).setRegistryName(name)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    Meters.useRegistry(vertx, name);
    await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(config)));
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  boolean plain(String user, String password, String peer) throws Exception {
    return await(vertx.eventBus()
        .<JsonObject>request(Addresses.AUTH_PLAIN, new PlainCheck(user, password, peer).toJson())
        .map(m -> AuthResult.fromJson(m.body()).ok()));
  }

  /** How many logins {@link Meters#AUTH_REFUSED} counted for {@code reason}. */
  double refused(String reason) {
    Counter c = registry.find(Meters.AUTH_REFUSED).tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
