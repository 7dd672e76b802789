package dev.rosterd.launcher;

import dev.rosterd.common.metrics.Meters;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.UUID;

/**
 * Metrics of one Vert.x instance: vertx-micrometer-metrics with a Prometheus registry of its own
 * (a fresh registry name per instance, so two instances in one JVM, as in tests, never mix their
 * meters). Vert.x records its event bus, HTTP and net metrics there; rosterd's pieces find the
 * same registry through {@link Meters#registry}, and the admin router serves it at {@code /metrics}.
 *
 * <p>Use: {@code NodeMetrics m = new NodeMetrics(); Vertx v = m.ready(Vertx.vertx(m.options(new
 * VertxOptions())))}; a clustered start passes the same options to its builder and then calls
 * {@link #ready}.
 */
public final class NodeMetrics {
  private final String registryName = "rosterd-" + UUID.randomUUID();

  /** {@code base} with metrics switched on into this node's registry. */
  public VertxOptions options(VertxOptions base) {
    return base.setMetricsOptions(
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setRegistryName(registryName)
            .setPrometheusOptions(
                new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true)));
  }

  /** Tells the pieces of {@code vertx} (created with {@link #options}) where their meters go. */
  public Vertx ready(Vertx vertx) {
    Meters.useRegistry(vertx, registryName);
    return vertx;
  }

  /** A non-clustered Vert.x with metrics, ready for the pieces. */
  public static Vertx vertx() {
    NodeMetrics metrics = new NodeMetrics();
    return metrics.ready(Vertx.vertx(metrics.options(NodeThreads.options())));
  }
}
