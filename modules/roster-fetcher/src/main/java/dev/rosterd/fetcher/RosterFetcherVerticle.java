package dev.rosterd.fetcher;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.FailureReason;
import dev.rosterd.common.bus.RosterFetch;
import dev.rosterd.common.bus.RosterItems;
import dev.rosterd.common.flow.InFlightLimit;
import dev.rosterd.common.health.LastFetch;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.metrics.Meters;
import dev.rosterd.common.roster.RosterItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@link Addresses#ROSTER_FETCH}: GETs a user's roster from the web application's {@code
 * http_roster_url} and replies {@link RosterItems}, or fails with {@link BusFailure#BACKEND} and a
 * reason naming the user, the URL and the cause. Holds no roster itself: caching is the roster
 * cache's job.
 *
 * <p>A fetch waits first for one of its user's {@code maxInFlightPerUser} slots, then for one of
 * the instance's {@code maxInFlight}; {@link RosterGet} does the HTTP exchange and {@link
 * BackendRoster} reads its body.
 */
public final class RosterFetcherVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RosterFetcherVerticle.class);
  private static final long RECORD_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private RosterFetcherOptions options;
  private HttpClient client;
  private PerUserLimit perUser;
  private InFlightLimit inFlight;
  private MessageConsumer<JsonObject> consumer;
  private Map<String, Timer> latency;
  private Boolean lastRecorded;
  private long lastRecordedAt;

  @Override
  public Future<?> start() {
    Jids.setUp();
    options = new RosterFetcherOptions(config());
    // As many connections per origin as requests may be in flight: none waits for a connection.
    client = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout(options.timeoutMs()),
        new PoolOptions().setHttp1MaxSize(options.maxInFlight()));
    perUser = new PerUserLimit(options.maxInFlightPerUser());
    inFlight = new InFlightLimit(options.maxInFlight());
    latency = timers(Meters.registry(vertx));
    consumer = vertx.eventBus().consumer(Addresses.ROSTER_FETCH, this::onFetch);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    client.close();
    return consumer.unregister();
  }

  private void onFetch(Message<JsonObject> msg) {
    String username = msg.body() == null ? null : RosterFetch.fromJson(msg.body()).username();
    if (username == null || username.isEmpty()) {
      msg.fail(BusFailure.BAD_REQUEST, "roster fetch without a username");
      return;
    }
    String url = RosterUrl.of(options.rosterUrl(), username);
    // Per user first: a user's waiting fetches must not hold slots of the shared bound.
    perUser
        .submit(username, () -> inFlight.submit(() -> timed(fetch(username, url))))
        .onSuccess(items -> msg.reply(new RosterItems(items).toJson()))
        .onFailure(e -> {
          String reason = "roster fetch of user \"" + username + "\" from " + RosterUrl.withoutCredentials(url)
              + " failed: " + cause(e);
          LOG.warn(reason);
          msg.fail(BusFailure.BACKEND, reason);
          remember(new LastFetch(false, Instant.now(), reason));
        });
  }

  /** Records the fetch's latency by outcome, and a success as the last fetch. */
  private Future<List<RosterItem>> timed(Future<List<RosterItem>> fetch) {
    long started = System.nanoTime();
    return fetch.andThen(ar -> {
      latency.get(outcome(ar.cause())).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      if (ar.succeeded()) {
        remember(new LastFetch(true, Instant.now(), null));
      }
    });
  }

  /**
   * Tells /health, wherever it is asked, how the last fetch went. A write to shared data is a
   * cluster round trip, so while fetches keep going the same way it is written once a second at
   * most; a change from working to failing, or back, is written at once.
   */
  private void remember(LastFetch last) {
    long now = System.nanoTime();
    if (lastRecorded != null && lastRecorded == last.ok() && now - lastRecordedAt < RECORD_EVERY_NANOS) {
      return;
    }
    lastRecorded = last.ok();
    lastRecordedAt = now;
    last.record(vertx).onFailure(e -> LOG.debug("cannot record the last fetch: {}", e.toString()));
  }

  /** The {@code outcome} tag of {@link Meters#ROSTER_FETCH}. */
  private static String outcome(Throwable e) {
    if (e == null) {
      return "ok";
    }
    if (e instanceof BackendRoster.NotARoster || e instanceof CappedBody.TooLarge) {
      return "http-error";
    }
    if (FailureReason.isTimeout(e)) {
      return "timeout";
    }
    return "unreachable";
  }

  private static Map<String, Timer> timers(MeterRegistry registry) {
    Map<String, Timer> timers = new HashMap<>();
    for (String outcome : List.of("ok", "http-error", "timeout", "unreachable")) {
      timers.put(outcome, Timer.builder(Meters.ROSTER_FETCH)
          .description("roster GETs from the web application")
          .tag("outcome", outcome)
          .publishPercentileHistogram()
          .register(registry));
    }
    return timers;
  }

  private Future<List<RosterItem>> fetch(String username, String url) {
    return RosterGet.send(vertx, client, options, url).map(body -> BackendRoster.parse(username, body));
  }

  private String cause(Throwable e) {
    if (FailureReason.isTimeout(e)) {
      return "no complete answer within " + options.timeoutMs() + " ms (timeoutMs)";
    }
    if (e instanceof ConnectException) {
      return "cannot connect (" + e.getMessage() + ")";
    }
    if (e instanceof BackendRoster.NotARoster || e instanceof CappedBody.TooLarge) {
      return e.getMessage();
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
