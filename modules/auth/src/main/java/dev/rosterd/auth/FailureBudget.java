package dev.rosterd.auth;

import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed logins by username and by client address, across connections and nodes: the entries
 * live in the shared-data map {@value #MAP} (key {@code user:<username>} or {@code
 * peer:<address>}, value a {@link Spend}), updated by compare-and-set, each expiring a while after
 * its last failure. The map holds at most {@code maxEntries}: its size is read at most once a
 * second, and while it is full a username or address not yet in it goes uncounted, so that an
 * attacker spraying usernames costs bounded memory (the address budget still counts what the
 * attacker's address does, unless it is new too).
 *
 * <p>A failure to reach the map is logged and lets the login through: the budget is a brake, not
 * the lock.
 */
final class FailureBudget {
  /** The shared-data map of the budgets. */
  static final String MAP = "rosterd.auth.failures";
  /** Which budget refused: the username's or the address's. */
  enum Refusal { USER, PEER }

  private static final Logger LOG = LoggerFactory.getLogger(FailureBudget.class);
  private static final long SIZE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int CAS_ATTEMPTS = 8;

  private final AsyncMap<String, String> map;
  private final ThrottleOptions options;
  private final long windowMs;
  private final long maxBackoffMs;
  private long knownSize;
  private long sizedAt = System.nanoTime() - SIZE_EVERY_NANOS;
  private boolean fullLogged;

  private FailureBudget(AsyncMap<String, String> map, ThrottleOptions options) {
    this.map = map;
    this.options = options;
    this.windowMs = TimeUnit.SECONDS.toMillis(options.windowSeconds());
    this.maxBackoffMs = TimeUnit.SECONDS.toMillis(options.maxBackoffSeconds());
  }

  static Future<FailureBudget> open(Vertx vertx, ThrottleOptions options) {
    return vertx.sharedData().<String, String>getAsyncMap(MAP).map(m -> new FailureBudget(m, options));
  }

  /**
   * The key of a client address: an IPv6 address counts by its /64, which one subscriber usually
   * holds whole; anything else as it is. Null for no address.
   */
  static String peerKey(String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes != null && bytes.length == 16 && !NetUtil.isValidIpV4Address(address)) {
      return "peer:" + HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    }
    return "peer:" + address;
  }

  /** Which budget, if any, refuses a login of {@code user} (normalised, or null) from {@code peer}. */
  Future<Refusal> refusal(String user, String peer) {
    Future<Boolean> userOver = over(userKey(user), options.userFailures());
    Future<Boolean> peerOver = over(peerKey(peer), options.peerFailures());
    return Future.all(userOver, peerOver)
        .map(all -> userOver.result() ? Refusal.USER : peerOver.result() ? Refusal.PEER : null);
  }

  /** Counts a failed login of {@code user} (normalised, or null when it is not a valid one) from {@code peer}. */
  Future<Void> failed(String user, String peer) {
    return Future.join(record(userKey(user), options.userFailures(), CAS_ATTEMPTS),
            record(peerKey(peer), options.peerFailures(), CAS_ATTEMPTS))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("failed login of {} from {} not counted: {}", user, peer, e.toString());
          return Future.succeededFuture();
        });
  }

  /** A successful login clears the username's budget (not the address's: one good account must not buy guesses). */
  Future<Void> succeeded(String user) {
    String key = userKey(user);
    if (key == null) {
      return Future.succeededFuture();
    }
    return map.remove(key).<Void>mapEmpty().recover(e -> {
      LOG.warn("budget of {} not cleared: {}", user, e.toString());
      return Future.succeededFuture();
    });
  }

  private static String userKey(String user) {
    return user == null ? null : "user:" + user;
  }

  private Future<Boolean> over(String key, int limit) {
    if (key == null || limit == 0) {
      return Future.succeededFuture(false);
    }
    return map.get(key)
        .map(v -> v != null && Spend.parse(v).refused(limit, System.currentTimeMillis()))
        .recover(e -> {
          LOG.warn("failure budget of {} not read, letting the login through: {}", key, e.toString());
          return Future.succeededFuture(false);
        });
  }

  private Future<Void> record(String key, int limit, int attempts) {
    if (key == null || limit == 0) {
      return Future.succeededFuture();
    }
    return map.get(key).compose(old -> {
      long now = System.currentTimeMillis();
      Spend before = old == null ? Spend.NONE : Spend.parse(old);
      Spend after = before.after(now, limit, windowMs, maxBackoffMs);
      if (after.equals(before)) {
        return Future.succeededFuture();
      }
      Future<Boolean> written = old == null ? insert(key, after) : replace(key, old, after);
      // Lost a race with another node's update of the same entry: read it again.
      return written.compose(ok -> ok || attempts <= 1 ? Future.succeededFuture() : record(key, limit, attempts - 1));
    });
  }

  /**
   * Every entry lives {@code maxBackoff + window} after its last write: long enough for any
   * refusal and the doubling after it. One TTL for every write, because a compare-and-set with a
   * TTL is not available on every cluster manager (Hazelcast keeps the entry's TTL instead).
   */
  private long ttl() {
    return maxBackoffMs + windowMs;
  }

  private Future<Boolean> insert(String key, Spend spend) {
    return roomForOne().compose(room -> {
      if (!room) {
        return Future.succeededFuture(true);
      }
      knownSize++;
      return map.putIfAbsent(key, spend.encode(), ttl()).map(previous -> previous == null);
    });
  }

  private Future<Boolean> replace(String key, String old, Spend spend) {
    return map.replaceIfPresent(key, old, spend.encode(), ttl())
        .recover(e -> e instanceof UnsupportedOperationException
            ? map.replaceIfPresent(key, old, spend.encode())
            : Future.failedFuture(e));
  }

  /** Whether the map has room for a new entry, from a size read at most once a second. */
  private Future<Boolean> roomForOne() {
    long now = System.nanoTime();
    Future<Long> size = now - sizedAt < SIZE_EVERY_NANOS
        ? Future.succeededFuture(knownSize)
        : map.size().map(n -> {
          sizedAt = now;
          knownSize = n;
          return knownSize;
        });
    return size.map(n -> {
      boolean room = n < options.maxEntries();
      if (!room && !fullLogged) {
        LOG.warn("failure budgets full ({} entries, auth.throttle.maxEntries): new usernames and addresses go uncounted", n);
      }
      fullLogged = !room;
      return room;
    });
  }
}
