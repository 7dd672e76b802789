package dev.rosterd.cache;

import dev.rosterd.common.bus.BusFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.Lock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The cache's state, all of it in Vert.x shared data so that it outlives a redeploy of the cache
 * verticle and is one cache for the whole cluster when the event bus is clustered:
 *
 * <ul>
 *   <li>the AsyncMap {@value #MAP}: username to {@link CachedRoster}, as its encoded JSON text. A
 *       string because shared data copies every mutable value on each get and put (a JSON tree
 *       deeply), while a string is immutable and passed as it is; and its text is about a fifth of
 *       the memory of the same roster as a tree, which matters with one entry per online user;
 *   <li>the counter {@value #TICKETS}: tickets that order fetches and refresh arrivals cluster-wide;
 *   <li>one lock per user, {@value #LOCK_PREFIX}{@code <username>}, held by whoever fetches that
 *       user's roster and writes the entry, so there is one fetch per user at a time. Reads and
 *       the release's conditional remove do not take it.
 * </ul>
 *
 * <p>The only verticle-local thing is the set of locks this instance holds right now, so that an
 * undeploy in the middle of a fetch does not leave a user locked.
 */
final class SharedRosters {
  static final String MAP = "rosterd.rosters";
  static final String TICKETS = "rosterd.roster.tickets";
  static final String LOCK_PREFIX = "rosterd.roster.lock.";

  private final Vertx vertx;
  private final long lockTimeoutMs;
  private final Set<Lock> held = new HashSet<>();

  SharedRosters(Vertx vertx, long lockTimeoutMs) {
    this.vertx = vertx;
    this.lockTimeoutMs = lockTimeoutMs;
  }

  Future<CachedRoster> read(String username) {
    return readJson(username).map(j -> j == null ? null : CachedRoster.fromJson(j));
  }

  /** The entry as JSON ({@link CachedRoster#toJson()}), or null; for a get, which needs no items. */
  Future<JsonObject> readJson(String username) {
    return readText(username).map(text -> text == null ? null : new JsonObject(text));
  }

  /** The entry as the text it is stored as, or null; for a conditional {@link #removeIfStill}. */
  Future<String> readText(String username) {
    return map().compose(m -> m.get(username));
  }

  Future<Void> write(String username, CachedRoster roster) {
    return map().compose(m -> m.put(username, roster.toJson().encode()));
  }

  Future<Void> remove(String username) {
    return map().compose(m -> m.remove(username)).mapEmpty();
  }

  /**
   * Removes the entry only if it is still {@code stored}, as read by {@link #readText}: every
   * entry carries the ticket of its fetch, so a newer entry never equals an older one.
   */
  Future<Void> removeIfStill(String username, String stored) {
    return map().compose(m -> m.removeIfPresent(username, stored)).mapEmpty();
  }

  /** A new ticket, greater than every ticket taken before it anywhere in the cluster. */
  Future<Long> ticket() {
    return vertx.sharedData().getCounter(TICKETS).compose(Counter::incrementAndGet);
  }

  /** Runs {@code work} holding the user's lock, and releases it however the work ends. */
  <T> Future<T> underLock(String username, Supplier<Future<T>> work) {
    return vertx.sharedData()
        .getLockWithTimeout(LOCK_PREFIX + username, lockTimeoutMs)
        .recover(e -> Future.failedFuture(new CacheFailure(BusFailure.UNAVAILABLE,
            "the roster of \"" + username + "\" stayed locked for " + lockTimeoutMs + " ms (lockTimeoutMs)")))
        .compose(lock -> {
          held.add(lock);
          Future<T> f;
          try {
            f = work.get();
          } catch (RuntimeException e) {
            f = Future.failedFuture(e);
          }
          return f.andThen(ar -> {
            held.remove(lock);
            lock.release();
          });
        });
  }

  /** Releases the locks this instance holds; for the verticle's stop. */
  void releaseHeldLocks() {
    List.copyOf(held).forEach(Lock::release);
    held.clear();
  }

  private Future<AsyncMap<String, String>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
