package dev.rosterd.common.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.atomic.AtomicLong;

/**
 * rosterd's own meters: their names, and the registry they go to. Each piece records what happens
 * in it; the launcher gives each Vert.x instance its own Prometheus registry (vertx-micrometer-
 * metrics, {@code BackendRegistries}) and records its name in the instance's local map {@value
 * #LOCAL_MAP}, so two Vert.x instances in one JVM never share a meter. A piece deployed on a Vert.x
 * without metrics records into a registry that keeps nothing.
 *
 * <p>Names are Micrometer's dotted names; Prometheus shows them with underscores and a unit or
 * {@code _total} suffix (e.g. {@code rosterd_logins_total}).
 */
public final class Meters {
  /** Gauge: XMPP sessions bound on this node right now. Recorded by the c2s. */
  public static final String SESSIONS_ONLINE = "rosterd.sessions.online";

  /**
   * Counter, tag {@code result}: SASL outcomes, {@code success} or the SASL failure condition
   * ({@code not-authorized}, {@code temporary-auth-failure}, ...). Recorded by the c2s.
   */
  public static final String LOGINS = "rosterd.logins";

  /**
   * Timer with a latency histogram, tag {@code outcome}: roster GETs from the web application,
   * {@code ok}, {@code http-error} (a status other than 200 or a body that is not a roster), {@code
   * timeout} or {@code unreachable}. Recorded by the roster fetcher.
   */
  public static final String ROSTER_FETCH = "rosterd.roster.fetch";

  /**
   * Counter, tag {@code result}: refreshes of one user, {@code updated}, {@code offline} (nothing
   * to fetch) or {@code failed}. Recorded by the roster cache.
   */
  public static final String REFRESHES = "rosterd.roster.refreshes";

  /** Counter: roster pushes sent to sessions (one per session per changed roster). Roster cache. */
  public static final String ROSTER_PUSHES = "rosterd.roster.pushes";

  /**
   * Counter, tag {@code type}: subscription presence stanzas blocked ({@code subscribe}, {@code
   * subscribed}, {@code unsubscribe}, {@code unsubscribed}). Recorded by subscription blocking.
   */
  public static final String SUBSCRIPTIONS_BLOCKED = "rosterd.subscriptions.blocked";

  /** Counter, tag {@code condition}: streams the server ended with a stream error. The c2s. */
  public static final String STREAM_ERRORS = "rosterd.stream.errors";

  /**
   * Counter, tag {@code reason}: logins the auth piece refused before or besides the password
   * check: {@code user-throttled} and {@code peer-throttled} (a failure budget is used up), and
   * the reasons a token is refused ({@code token-expired}, {@code token-signature}, ...). Recorded
   * by the auth piece.
   */
  public static final String AUTH_REFUSED = "rosterd.auth.refused";

  /**
   * Timer with a latency histogram, tag {@code outcome}: writes of the archive piece's store
   * (messages kept, from the request to the commit), {@code ok}, {@code full} (offline queue at its
   * cap) or {@code failed} (the store did not take it). Recorded by the archive piece.
   */
  public static final String ARCHIVE_WRITES = "rosterd.archive.writes";

  /** Gauge: archive store writes begun and not yet committed or failed, on this node. Archive. */
  public static final String ARCHIVE_WRITES_IN_FLIGHT = "rosterd.archive.writes.in.flight";

  /** Gauge: 1 while the archive piece's store answers on this node, 0 after it failed. Archive. */
  public static final String ARCHIVE_STORE_UP = "rosterd.archive.store.up";

  /** Counter, tag {@code kind} ({@code archive}, {@code offline}): rows the retention job removed. */
  public static final String ARCHIVE_EXPIRED = "rosterd.archive.expired";

  /** The Vert.x local map where the launcher records the name of the instance's registry. */
  public static final String LOCAL_MAP = "rosterd.metrics";

  /** The key of the registry name in {@link #LOCAL_MAP}. */
  public static final String REGISTRY_NAME = "registryName";

  private static final String ONLINE = "sessionsOnline";

  private Meters() {}

  /** Records the name of the registry of {@code vertx} for its pieces to find. */
  public static void useRegistry(Vertx vertx, String registryName) {
    vertx.sharedData().<String, String>getLocalMap(LOCAL_MAP).put(REGISTRY_NAME, registryName);
  }

  /** The registry of {@code vertx}, or one that keeps nothing when metrics are off. */
  public static MeterRegistry registry(Vertx vertx) {
    String name = vertx.sharedData().<String, String>getLocalMap(LOCAL_MAP).get(REGISTRY_NAME);
    MeterRegistry registry = name == null ? null : BackendRegistries.getNow(name);
    return registry == null ? new CompositeMeterRegistry() : registry;
  }

  /**
   * The count behind the {@link #SESSIONS_ONLINE} gauge of {@code vertx}: one per Vert.x instance,
   * shared by every c2s verticle instance on it, whichever deployment registered the gauge first.
   */
  public static AtomicLong sessionsOnline(Vertx vertx) {
    LocalMap<String, Count> counts = vertx.sharedData().getLocalMap(LOCAL_MAP + ".counts");
    Count count = counts.computeIfAbsent(ONLINE, k -> new Count());
    Gauge.builder(SESSIONS_ONLINE, count.value, AtomicLong::get)
        .description("XMPP sessions bound on this node")
        .strongReference(true)
        .register(registry(vertx));
    return count.value;
  }

  /** A counter shared through a Vert.x local map (which holds only {@link Shareable} values). */
  private static final class Count implements Shareable {
    final AtomicLong value = new AtomicLong();
  }
}
