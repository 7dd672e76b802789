package dev.rosterd.archive;

import dev.rosterd.common.health.ArchiveStoreState;
import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store's answers say about it: up or down (a log line and a {@link ArchiveStoreState} for
 * {@code /health} on each change, the {@link Meters#ARCHIVE_STORE_UP} gauge), and the writes' latency
 * and how many are in flight. The gauges' counts are one per Vert.x instance, shared by every
 * archive verticle instance on it.
 */
final class StoreHealth {
  private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

  private final Vertx vertx;
  private final String store;
  private final Clock clock;
  private final Counts counts;
  private final Map<String, Timer> writes;
  private Boolean up;

  StoreHealth(Vertx vertx, String store, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    counts = vertx.sharedData().<String, Counts>getLocalMap(Meters.LOCAL_MAP + ".archive")
        .computeIfAbsent("counts", k -> new Counts());
    var registry = Meters.registry(vertx);
    Gauge.builder(Meters.ARCHIVE_WRITES_IN_FLIGHT, counts.inFlight, AtomicLong::get)
        .description("archive store writes not yet committed").strongReference(true).register(registry);
    Gauge.builder(Meters.ARCHIVE_STORE_UP, counts.up, AtomicLong::get)
        .description("1 while the archive store answers").strongReference(true).register(registry);
    writes = Map.of("ok", timer(registry, "ok"), "full", timer(registry, "full"), "failed", timer(registry, "failed"));
  }

  private static Timer timer(io.micrometer.core.instrument.MeterRegistry registry, String outcome) {
    return Timer.builder(Meters.ARCHIVE_WRITES).description("archive store writes, request to commit")
        .tag("outcome", outcome).publishPercentileHistogram().register(registry);
  }

  /** Times {@code write}, counts it in flight meanwhile, and notes what its outcome says of the store. */
  <T> Future<T> write(Future<T> write) {
    long started = System.nanoTime();
    counts.inFlight.incrementAndGet();
    return write.andThen(ar -> {
      counts.inFlight.decrementAndGet();
      String outcome = ar.succeeded() ? "ok" : ArchiveVerticle.storeFault(ar.cause()) ? "failed" : "full";
      writes.get(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    });
  }

  /** The store answered. */
  void answered() {
    change(true, null);
  }

  /** The store failed to answer, for {@code reason}. */
  void failed(String reason) {
    change(false, reason);
  }

  private void change(boolean nowUp, String reason) {
    if (up != null && up == nowUp) {
      return;
    }
    if (nowUp && up != null) {
      LOG.info("archive store {} answers again", store);
    } else if (!nowUp) {
      LOG.warn("archive store {} is unavailable: {}", store, reason);
    }
    up = nowUp;
    counts.up.set(nowUp ? 1 : 0);
    new ArchiveStoreState(nowUp, store, clock.instant(), reason).record(vertx)
        .onFailure(e -> LOG.debug("cannot record the archive store's state: {}", e.toString()));
  }

  private static final class Counts implements Shareable {
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong up = new AtomicLong();
  }
}
