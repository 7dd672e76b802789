package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Scenario {@code attacked}: what normal users meet while {@link Attackers} attack. {@code --pairs}
 * pairs exchange round trips at each of {@code --rates} (as {@code latency}) and then a wave of
 * {@code --clients} logins is timed, first with no attacker ("quiet"), then with {@code
 * --attackers} of each kind running ("attacked"). Reports both phases side by side: round-trip
 * p50/p99/max and losses, login success and login rate, and how many attack connections the
 * server took and how many bound attackers it cut off.
 */
final class Attacked {
  private Attacked() {}

  static Future<JsonObject> run(Vertx vertx, HarnessSettings s, LoadBackend backend) {
    return Fleet.start(vertx, s).compose(fleet -> {
      List<LoadClient> pairs = fleet.create(0, 2 * s.pairs());
      return fleet.login(pairs).compose(logins -> {
        if (logins.ok() < pairs.size()) {
          return Future.failedFuture("only " + logins.ok() + " of " + pairs.size() + " normal clients logged in");
        }
        JsonObject line = new JsonObject().put("pairs", s.pairs()).put("clients", s.clients());
        Attackers attackers = new Attackers(vertx, s, fleet);
        System.err.println("attacked: quiet phase");
        return phase(vertx, s, fleet, pairs)
            .compose(quiet -> {
              line.put("quiet", quiet);
              System.err.println("attacked: starting the attackers");
              return attackers.start();
            })
            .compose(v -> {
              System.err.println("attacked: attacked phase");
              return phase(vertx, s, fleet, pairs);
            })
            .map(attacked -> line.put("attacked", attacked.mergeIn(attackers.stop())));
      }).eventually(() -> {
        System.err.println("attacked: closing every client");
        // An attacker's socket may hold writes the server reads only at its stanza rate; the
        // normal clients' closes are what the run waits for, the attackers' at most a few seconds.
        return Future.any(fleet.close(), vertx.timer(5, java.util.concurrent.TimeUnit.SECONDS));
      });
    });
  }

  /** The round trips at every rate, then a login wave of users after the pairs. */
  private static Future<JsonObject> phase(Vertx vertx, HarnessSettings s, Fleet fleet, List<LoadClient> pairs) {
    JsonArray rates = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (int rate : s.rates()) {
      chain = chain.compose(v -> MessageLatency.measure(vertx, s, pairs, rate)).map(r -> {
        rates.add(r);
        return null;
      });
    }
    return chain.compose(v -> {
      System.err.println("attacked: login wave");
      List<LoadClient> wave = fleet.create(2 * s.pairs(), 2 * s.pairs() + s.clients());
      return fleet.login(wave).compose(logins -> {
        System.err.println("attacked: login wave done, closing its clients");
        return Future.join(wave.stream().map(LoadClient::close).toList())
            .map(x -> new JsonObject().put("rates", rates).put("logins", logins.toJson(-1)));
      });
    });
  }
}
