package dev.rosterd.cache;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.FailureReason;
import dev.rosterd.common.bus.RefreshOutcome;
import dev.rosterd.common.bus.RefreshOutcome.Outcome;
import dev.rosterd.common.bus.RosterFetch;
import dev.rosterd.common.bus.RosterItems;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.metrics.Meters;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.roster.RosterItem;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.common.session.SessionEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets, refreshes and releases of online users' rosters, on top of {@link SharedRosters}.
 *
 * <p><b>Single flight.</b> A get that misses takes the user's lock and looks again before it
 * fetches; concurrent first gets (several clients, several nodes) queue on the lock and find the
 * roster the first one stored. One backend request per user, cluster-wide.
 *
 * <p><b>Refresh coalescing.</b> A refresh must see the backend as it was when the refresh arrived,
 * or later. On arrival it takes a ticket from the shared counter; every fetch takes a ticket just
 * before it starts and stores it with the roster. Under the user's lock a refresh looks at the
 * stored roster: if its ticket is newer than the refresh's arrival ticket, that fetch started after
 * the refresh arrived and the refresh joins it (no fetch of its own); otherwise it fetches. Refreshes
 * that arrive while a fetch is in flight therefore wait for it and then share one more fetch: at
 * most one extra fetch per user, and no update is lost to coalescing.
 *
 * <p><b>Memory follows online users.</b> An entry is dropped when the {@link SessionDirectory}
 * shows no session of the user: on release, after a get (a session that ended while its roster was
 * being fetched), and on a refresh of an offline user. The c2s therefore records a session in the
 * directory before it asks for the roster. Every writer looks at the directory after it writes, so
 * a release needs no lock (see {@link #release}).
 */
final class RosterCache {
  private static final Logger LOG = LoggerFactory.getLogger(RosterCache.class);

  private final Vertx vertx;
  private final RosterCacheOptions options;
  private final SharedRosters rosters;
  private final SessionDirectory sessions;
  private final Counter pushes;
  private final Map<String, Counter> refreshes = new HashMap<>();

  RosterCache(Vertx vertx, RosterCacheOptions options, SharedRosters rosters) {
    this.vertx = vertx;
    this.options = options;
    this.rosters = rosters;
    this.sessions = new SessionDirectory(vertx);
    MeterRegistry registry = Meters.registry(vertx);
    this.pushes = Counter.builder(Meters.ROSTER_PUSHES)
        .description("roster pushes sent to sessions")
        .register(registry);
    for (String result : List.of("updated", "offline", "failed")) {
      refreshes.put(result, Counter.builder(Meters.REFRESHES)
          .description("roster refreshes of one user")
          .tag("result", result)
          .register(registry));
    }
  }

  /**
   * The user's {@link RosterSnapshot} in its JSON form. A hit is answered with the stored JSON as it
   * is (an entry is the snapshot's JSON plus its ticket), without building items in between.
   */
  Future<JsonObject> get(String username) {
    return rosters.readJson(username).compose(cached -> cached != null
        ? Future.succeededFuture(CachedRoster.snapshotJson(cached))
        : rosters.underLock(username, () -> rosters.readJson(username).compose(again -> again != null
            ? Future.succeededFuture(CachedRoster.snapshotJson(again))
            : fetchFirst(username).map(RosterSnapshot::toJson))));
  }

  private Future<RosterSnapshot> fetchFirst(String username) {
    return rosters.ticket()
        .compose(ticket -> fetch(username)
            .map(items -> new CachedRoster(RosterVersion.snapshot(items), ticket)))
        .compose(cached -> rosters.write(username, cached)
            .compose(v -> sessionsOf(username))
            .compose(online -> online.isEmpty() ? rosters.remove(username) : Future.succeededFuture())
            .map(cached.snapshot()));
  }

  Future<RefreshOutcome> refresh(String username) {
    return refreshNow(username).andThen(ar -> refreshes.get(ar.failed()
        ? "failed"
        : ar.result().outcome().name().toLowerCase(Locale.ROOT)).increment());
  }

  private Future<RefreshOutcome> refreshNow(String username) {
    return rosters.ticket().compose(arrival -> sessionsOf(username).compose(online -> {
      if (online.isEmpty()) {
        // Nothing to push to; a stale entry left by a race with a logout must not be served later.
        return rosters.remove(username).map(new RefreshOutcome(Outcome.OFFLINE, 0));
      }
      return rosters.underLock(username, () -> rosters.read(username).compose(cached -> {
        if (cached != null && cached.ticket() > arrival) {
          LOG.debug("refresh of {} joins a fetch that started after it arrived", username);
          return Future.succeededFuture(new RefreshOutcome(Outcome.UPDATED, 0));
        }
        return refetch(username, cached);
      }));
    }));
  }

  private Future<RefreshOutcome> refetch(String username, CachedRoster cached) {
    List<RosterItem> before = cached == null ? List.of() : cached.snapshot().items();
    return rosters.ticket().compose(ticket -> fetch(username).compose(items -> {
      RosterSnapshot next = RosterVersion.snapshot(items);
      List<RosterChange> changes = RosterDiff.between(before, next.items());
      return rosters.write(username, new CachedRoster(next, ticket))
          .compose(v -> sessionsOf(username))
          .compose(online -> online.isEmpty()
              ? rosters.remove(username) // logged out during the fetch
              : push(online, username, next.version(), changes))
          .map(new RefreshOutcome(Outcome.UPDATED, changes.size()));
    }));
  }

  /**
   * Sends the changes to every session of the user. Called under the user's lock, so pushes leave
   * in the order the rosters were stored, each carrying the version it leads to.
   */
  private Future<Void> push(
      Map<String, SessionEntry> online, String username, String version, List<RosterChange> changes) {
    if (!changes.isEmpty()) {
      JsonObject message = new SessionMessage.RosterChanged(version, changes).toJson();
      online.values().forEach(s -> SessionAddressing.send(vertx, s.address(), message));
      pushes.increment(online.size());
      LOG.debug("pushed {} roster changes of {} to {} sessions", changes.size(), username, online.size());
    }
    return Future.succeededFuture();
  }

  /**
   * Drops the user's entry if no session of the user is left, without the user's lock: the entry
   * is read before the directory and removed only if it is still what was read. A fetch or refresh
   * that stored a newer entry meanwhile looks at the directory itself after its write, so either
   * way an offline user's entry goes. Taking the lock instead made a logout wait behind every
   * fetch in flight, and on a cluster each wait holds a worker thread.
   */
  Future<Void> release(String username) {
    return rosters.readText(username).compose(stored -> stored == null
        ? Future.succeededFuture()
        : sessionsOf(username).compose(online -> online.isEmpty()
            ? rosters.removeIfStill(username, stored)
            : Future.succeededFuture()));
  }

  private Future<Map<String, SessionEntry>> sessionsOf(String username) {
    return Jids.bare(username, options.domain())
        .map(bare -> sessions.sessions(bare.toString()))
        .orElseGet(() -> Future.failedFuture(new CacheFailure(BusFailure.BAD_REQUEST,
            "\"" + username + "\" is not a valid username")));
  }

  private Future<List<RosterItem>> fetch(String username) {
    // A fetch asked for while the fetcher is being redeployed waits for it (BusRequest).
    return BusRequest.send(vertx, Addresses.ROSTER_FETCH, new RosterFetch(username).toJson(), options.fetchTimeoutMs())
        .map(reply -> RosterItems.fromJson(reply.body()).items())
        .recover(e -> Future.failedFuture(new CacheFailure(BusFailure.BACKEND, fetchFailure(username, e))));
  }

  private String fetchFailure(String username, Throwable e) {
    FailureReason reason = FailureReason.of(e, "the roster fetcher", options.fetchTimeoutMs());
    return reason.code() == BusFailure.BACKEND
        ? reason.text()
        : "cannot fetch the roster of \"" + username + "\": " + reason.text() + " (fetchTimeoutMs)";
  }
}
