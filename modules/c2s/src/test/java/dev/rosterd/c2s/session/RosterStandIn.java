package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.RosterGet;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.roster.RosterItem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer on {@link Addresses#ROSTER_GET} standing in for the roster cache: it serves fixed
 * snapshots, or fails with {@link BusFailure#BACKEND} for users set to fail.
 */
final class RosterStandIn {
  private final Map<String, RosterSnapshot> rosters = new ConcurrentHashMap<>();
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();

  static Future<RosterStandIn> start(Vertx vertx) {
    RosterStandIn standIn = new RosterStandIn();
    return vertx.eventBus()
        .<JsonObject>consumer(Addresses.ROSTER_GET, m -> {
          standIn.requests.incrementAndGet();
          String user = RosterGet.fromJson(m.body()).username();
          if (standIn.failing.containsKey(user)) {
            m.fail(BusFailure.BACKEND, "roster of " + user + ": backend answered 500");
            return;
          }
          m.reply(standIn.rosters.getOrDefault(user, new RosterSnapshot("empty", List.of())).toJson());
        })
        .completion()
        .map(standIn);
  }

  RosterStandIn roster(String user, String version, RosterItem... items) {
    rosters.put(user, new RosterSnapshot(version, List.of(items)));
    failing.remove(user);
    return this;
  }

  RosterStandIn failing(String user) {
    failing.put(user, true);
    return this;
  }

  static RosterItem item(String jid, String name, String... groups) {
    return new RosterItem(jid, name, List.of(groups));
  }
}
