package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario {@code latency}: {@code --pairs} pairs of contacts (users 2k and 2k+1; user i's roster
 * holds i+1) log in; the first of each pair sends chat messages to the second's full JID, which
 * answers each at once; the round trip is timed at the sender. For each of {@code --rates} (round
 * trips per second over all pairs) the senders ping on evenly staggered periodic timers, first
 * {@code --warmup-seconds} uncounted, then {@code --duration-seconds} counted; a second later,
 * what has not come back counts as lost. Reports p50/p99/max per rate.
 */
final class MessageLatency {
  private MessageLatency() {}

  static Future<JsonObject> run(Vertx vertx, HarnessSettings s, LoadBackend backend) {
    return Fleet.start(vertx, s).compose(fleet -> {
      List<LoadClient> clients = fleet.create(0, 2 * s.pairs());
      return fleet.login(clients).compose(logins -> {
        if (logins.ok() < clients.size()) {
          return Future.failedFuture("only " + logins.ok() + " of " + clients.size() + " clients logged in: "
              + logins.toJson(0).getString("first_failure"));
        }
        JsonArray runs = new JsonArray();
        Future<Void> chain = Future.succeededFuture();
        for (int rate : s.rates()) {
          chain = chain.compose(v -> measure(vertx, s, clients, rate)).map(r -> {
            runs.add(r);
            return null;
          });
        }
        return chain.map(v -> new JsonObject().put("pairs", s.pairs()).put("rates", runs));
      }).eventually(fleet::close);
    });
  }

  static Future<JsonObject> measure(Vertx vertx, HarnessSettings s, List<LoadClient> clients, int rate) {
    long periodMs = Math.max(1, Math.round(s.pairs() * 1000.0 / rate));
    Latencies warmup = new Latencies();
    Latencies counted = new Latencies();
    AtomicReference<Latencies> into = new AtomicReference<>(warmup);
    AtomicLong sent = new AtomicLong();
    AtomicBoolean stopped = new AtomicBoolean();
    for (int k = 0; k < s.pairs(); k++) {
      LoadClient from = clients.get(2 * k);
      String to = clients.get(2 * k + 1).fullJid();
      long offset = 1 + periodMs * k / s.pairs();
      from.context().runOnContext(v -> vertx.setPeriodic(offset, periodMs, t -> {
        if (stopped.get()) {
          vertx.cancelTimer(t);
          return;
        }
        Latencies target = into.get();
        if (target == counted) {
          sent.incrementAndGet();
        }
        from.ping(to, target);
      }));
    }
    return LoadHarness.pause(vertx, s.warmupSeconds())
        .compose(t -> {
          into.set(counted);
          return LoadHarness.pause(vertx, s.durationSeconds());
        })
        .compose(t -> {
          stopped.set(true);
          return LoadHarness.pause(vertx, 1);
        })
        .map(t -> {
          long pings = sent.get();
          return new JsonObject()
              .put("rate", rate)
              .put("sent", pings)
              .put("received", counted.count())
              .put("achieved_per_s", Math.round(counted.count() / (double) s.durationSeconds() * 10) / 10.0)
              .mergeIn(counted.summary(""));
        });
  }
}
