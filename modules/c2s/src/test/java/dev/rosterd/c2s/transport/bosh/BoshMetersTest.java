package dev.rosterd.c2s.transport.bosh;

import static dev.rosterd.c2s.transport.bosh.BoshTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.negotiation.StreamMeters;
import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sessions gauge counts a BOSH session in all and under {@code transport=bosh}, like any other. */
class BoshMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Vertx vertx;
  private C2sTestServer server;

  @BeforeEach
  void start() throws Exception {
    String name = "c2s-test-" + UUID.randomUUID();
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setRegistryName(name)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    Meters.useRegistry(vertx, name);
    server = await(new C2sTestServer().start(vertx,
        new JsonObject().put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true))));
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private double sessions(String transport) {
    return registry.get(StreamMeters.SESSIONS_BY_TRANSPORT).tag("transport", transport).gauge().value();
  }

  @Test
  void aBoshSessionIsCountedByTransport() throws Exception {
    try (BoshTestClient alice = new BoshTestClient(vertx, server.verticle.actualWebPort())) {
      alice.login("alice", "wonderland");
      assertEquals(1.0, sessions(StreamMeters.BOSH));
      assertEquals(0.0, sessions(StreamMeters.WEBSOCKET));
      assertEquals(1.0, registry.get(Meters.SESSIONS_ONLINE).gauge().value());
    }
  }
}
