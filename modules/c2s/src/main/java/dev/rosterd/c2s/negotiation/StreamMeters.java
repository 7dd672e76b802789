package dev.rosterd.c2s.negotiation;

import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the c2s records about streams, into the registry of its Vert.x instance: logins by result,
 * stream errors by condition, and the sessions bound on this node (one count per Vert.x instance,
 * shared by every c2s verticle instance and surviving a redeploy of the c2s).
 */
public final class StreamMeters {
  private final MeterRegistry registry;
  private final AtomicLong online;
  private final Map<String, Counter> logins = new ConcurrentHashMap<>();
  private final Map<String, Counter> streamErrors = new ConcurrentHashMap<>();

  public StreamMeters(Vertx vertx) {
    this.registry = Meters.registry(vertx);
    this.online = Meters.sessionsOnline(vertx);
  }

  /** A SASL exchange ended: {@code success} or the SASL failure condition. */
  void login(String result) {
    logins.computeIfAbsent(result, r -> Counter.builder(Meters.LOGINS)
        .description("SASL outcomes")
        .tag("result", r)
        .register(registry)).increment();
  }

  /** The server ended a stream with a stream error (a defined condition of RFC 6120 §4.9.3). */
  void streamError(String condition) {
    streamErrors.computeIfAbsent(condition, c -> Counter.builder(Meters.STREAM_ERRORS)
        .description("streams ended with a stream error by the server")
        .tag("condition", c)
        .register(registry)).increment();
  }

  void sessionBound() {
    online.incrementAndGet();
  }

  void sessionEnded() {
    online.decrementAndGet();
  }
}
