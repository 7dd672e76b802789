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
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@link Addresses#ROSTER_FETCH}: GETs a user's roster from the web application's {@code
 * http_roster_url} and replies {@link RosterItems}, or fails with {@link BusFailure#BACKEND} and a
 * reason naming the user, the URL and the cause. Holds no roster itself: caching is the roster
 * cache's job.
 */
public final class RosterFetcherVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RosterFetcherVerticle.class);
  private static final long RECORD_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private RosterFetcherOptions options;
  private WebClient client;
  private InFlightLimit inFlight;
  private MessageConsumer<JsonObject> consumer;
  private Map<String, Timer> latency;
  private Boolean lastRecorded;
  private long lastRecordedAt;

  @Override
  public Future<?> start() {
    Jids.setUp();
    options = new RosterFetcherOptions(config());
    client = WebClient.create(
        vertx,
        new WebClientOptions().setUserAgent("rosterd").setConnectTimeout(options.timeoutMs()),
        new PoolOptions().setHttp1MaxSize(options.maxInFlight()));
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
    inFlight
        .submit(() -> timed(fetch(username, url)))
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
    Promise<List<RosterItem>> result = Promise.promise();
    // The client's own timeouts are per phase (connect, idle); this one bounds the whole request.
    long timer = vertx.setTimer(options.timeoutMs(), t -> result.tryFail(new TimeoutException()));
    HttpRequest<Buffer> request = client
        .getAbs(url)
        .connectTimeout(options.timeoutMs())
        .idleTimeout(options.timeoutMs())
        .putHeader("Accept", "application/json")
        .as(new CappedBody(options.maxBodyBytes()));
    options.headers().forEach(request::putHeader);
    request.send().onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        result.tryFail(ar.cause());
        return;
      }
      try {
        result.tryComplete(read(username, ar.result()));
      } catch (RuntimeException e) {
        result.tryFail(e);
      }
    });
    return result.future();
  }

  private static List<RosterItem> read(String username, HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw new BackendRoster.NotARoster("HTTP " + response.statusCode() + " " + response.statusMessage());
    }
    return BackendRoster.parse(username, response.body() == null ? Buffer.buffer() : response.body());
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
