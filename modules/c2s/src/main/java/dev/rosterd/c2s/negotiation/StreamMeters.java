package dev.rosterd.c2s.negotiation;

import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the c2s records about streams, into the registry of its Vert.x instance: logins by result,
 * stream errors by condition, and the sessions bound on this node (one count per Vert.x instance,
 * shared by every c2s verticle instance and surviving a redeploy of the c2s), in all and by
 * transport.
 */
public final class StreamMeters {
  /**
   * Gauge, tag {@code transport} ({@value #TCP}, {@value #WEBSOCKET}, {@value #BOSH}): the sessions bound on this
   * node by what carries them; {@code rosterd.sessions.online} stays their total.
   */
  public static final String SESSIONS_BY_TRANSPORT = "rosterd.sessions.by.transport";
  /** The {@code transport} tag of sessions over TCP (STARTTLS and direct TLS). */
  public static final String TCP = "tcp";
  /** The {@code transport} tag of sessions over WebSocket (RFC 7395). */
  public static final String WEBSOCKET = "websocket";
  /** The {@code transport} tag of sessions over BOSH (XEP-0206). */
  public static final String BOSH = "bosh";

  private static final String TRANSPORT_COUNTS = Meters.LOCAL_MAP + ".transports";

  private final MeterRegistry registry;
  private final AtomicLong online;
  private final AtomicLong onTransport;
  private final Map<String, Counter> logins = new ConcurrentHashMap<>();
  private final Map<String, Counter> streamErrors = new ConcurrentHashMap<>();

  /** The meters of streams over TCP. */
  public StreamMeters(Vertx vertx) {
    this(vertx, TCP);
  }

  /** @param transport the {@code transport} tag of this listener's sessions, e.g. {@value #WEBSOCKET} */
  public StreamMeters(Vertx vertx, String transport) {
    this.registry = Meters.registry(vertx);
    this.online = Meters.sessionsOnline(vertx);
    this.onTransport = vertx.sharedData().<String, Count>getLocalMap(TRANSPORT_COUNTS)
        .computeIfAbsent(transport, k -> new Count()).value;
    Gauge.builder(SESSIONS_BY_TRANSPORT, onTransport, AtomicLong::get)
        .description("XMPP sessions bound on this node, by transport")
        .tag("transport", transport)
        .strongReference(true)
        .register(registry);
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
    onTransport.incrementAndGet();
  }

  void sessionEnded() {
    online.decrementAndGet();
    onTransport.decrementAndGet();
  }

  /** A count shared through a Vert.x local map (which holds only {@link Shareable} values). */
  private static final class Count implements Shareable {
    final AtomicLong value = new AtomicLong();
  }
}
