package dev.rosterd.archive;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchivePrefs;
import dev.rosterd.common.bus.ArchivePrefsGet;
import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.OfflineRemove;
import dev.rosterd.common.bus.OfflineTake;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive piece: keeps the messages the server accepted, in offline queues (XEP-0160) and in
 * users' message archives (XEP-0313), on the embedded H2 store or on PostgreSQL, and answers the
 * {@code rosterd.archive.*} addresses of {@link Addresses}. The c2s never talks to the database.
 *
 * <p>Every request runs on the pool's own threads (H2's blocking driver on Vert.x worker threads),
 * never blocking this verticle's event loop. A store fault is replied {@link BusFailure#UNAVAILABLE}
 * with the store's name; the piece keeps running and the next request tries the store again.
 */
public final class ArchiveVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveVerticle.class);

  private final Clock clock;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private ArchiveOptions options;
  private Database db;
  private StoreHealth health;
  private GroupCommit writes;
  private OfflineQueue offline;
  private ArchivePaging paging;
  private Preferences prefs;
  private Retention retention;
  private long retentionTimer = -1;

  public ArchiveVerticle() {
    this(Clock.systemUTC());
  }

  /** With the clock that stamps messages and ages them for retention. */
  public ArchiveVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Jids.setUp();
    options = new ArchiveOptions(config());
    return Database.open(vertx, options).compose(opened -> {
      db = opened;
      return new Migrations(db).run().recover(e -> db.close().transform(x -> Future.failedFuture(cannotOpen(e))));
    }).compose(version -> {
      health = new StoreHealth(vertx, db.name(), clock);
      health.answered();
      prefs = new Preferences(db, options.defaultPreference());
      writes = new GroupCommit(new MessageWrites(db, prefs, options.offlineCap(), clock));
      offline = new OfflineQueue(db);
      paging = new ArchivePaging(db);
      retention = new Retention(db, options.retentionDays(), clock);
      if (retention.enabled()) {
        retentionTimer = vertx.setPeriodic(options.retentionIntervalSeconds() * 1000L, t -> expireNow());
      }
      LOG.info("archive store {} ready (schema version {})", db.name(), version);
      return Future.all(List.of(
          serve(Addresses.ARCHIVE_STORE, j -> health.write(writes.store(CheckedMessage.of(MessageStore.fromJson(j))))
              .map(stored -> stored.toJson())),
          serve(Addresses.ARCHIVE_OFFLINE_TAKE, j -> {
            OfflineTake t = OfflineTake.fromJson(j);
            return offline.take(CheckedMessage.bare("user", t.user()), t.max()).map(m -> m.toJson());
          }),
          serve(Addresses.ARCHIVE_OFFLINE_REMOVE, j -> {
            OfflineRemove r = OfflineRemove.fromJson(j);
            return offline.remove(CheckedMessage.bare("user", r.user()), r.stanzaIds())
                .map(n -> new JsonObject().put("removed", n));
          }),
          serve(Addresses.ARCHIVE_QUERY, j -> paging.page(ArchiveQuery.fromJson(j)).map(p -> p.toJson())),
          serve(Addresses.ARCHIVE_PREFS_GET, j -> {
            String owner = CheckedMessage.bare("owner", ArchivePrefsGet.fromJson(j).owner());
            return prefs.of(db.pool(), owner).map(p -> p.toJson());
          }),
          serve(Addresses.ARCHIVE_PREFS_SET, j -> prefs.set(checked(ArchivePrefs.fromJson(j))).map(p -> p.toJson()))));
    });
  }

  @Override
  public Future<?> stop() {
    if (retentionTimer >= 0) {
      vertx.cancelTimer(retentionTimer);
    }
    List<Future<?>> done = new ArrayList<>();
    consumers.forEach(c -> done.add(c.unregister()));
    return Future.join(done).transform(x -> db.close());
  }

  /**
   * Runs the retention job now (the timer runs it every {@code retentionIntervalSeconds}): removes
   * what is older than {@code retentionDays}.
   */
  public Future<Retention.Removed> expireNow() {
    return retention.run()
        .onSuccess(removed -> {
          health.answered();
          Counter.builder(Meters.ARCHIVE_EXPIRED).tag("kind", "archive").register(Meters.registry(vertx))
              .increment(removed.archive());
          Counter.builder(Meters.ARCHIVE_EXPIRED).tag("kind", "offline").register(Meters.registry(vertx))
              .increment(removed.offline());
          if (removed.archive() + removed.offline() > 0) {
            LOG.info("archive retention ({} days): removed {} archived and {} offline messages",
                options.retentionDays(), removed.archive(), removed.offline());
          }
        })
        .onFailure(e -> health.failed(String.valueOf(e.getMessage())));
  }

  /** Whether the retention job runs ({@code retentionDays} above 0). */
  public boolean retentionEnabled() {
    return retention.enabled();
  }

  private Future<Void> serve(String address, Function<JsonObject, Future<JsonObject>> handler) {
    MessageConsumer<JsonObject> c = vertx.eventBus().consumer(address, msg -> answer(msg, handler));
    consumers.add(c);
    return c.completion();
  }

  private void answer(Message<JsonObject> msg, Function<JsonObject, Future<JsonObject>> handler) {
    Future<JsonObject> reply;
    try {
      reply = msg.body() == null
          ? Future.failedFuture(new CheckedMessage.BadRequest("no request body"))
          : handler.apply(msg.body());
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onSuccess(r -> {
      health.answered();
      msg.reply(r);
    }).onFailure(e -> fail(msg, e));
  }

  private void fail(Message<JsonObject> msg, Throwable e) {
    if (e instanceof CheckedMessage.BadRequest || e instanceof ClassCastException) {
      msg.fail(BusFailure.BAD_REQUEST, msg.address() + ": " + e.getMessage());
    } else if (e instanceof MessageWrites.QueueFull) {
      health.answered();
      msg.fail(BusFailure.RESOURCE_CONSTRAINT, e.getMessage());
    } else if (e instanceof ArchivePaging.NoSuchMessage) {
      health.answered();
      msg.fail(BusFailure.NOT_FOUND, e.getMessage());
    } else {
      String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      health.failed(cause);
      LOG.debug("{} failed on archive store {}: {}", msg.address(), db.name(), cause);
      msg.fail(BusFailure.UNAVAILABLE, "archive store " + db.name() + " failed: " + cause);
    }
  }

  /** Whether {@code e} is the store failing, rather than the request being refused. */
  static boolean storeFault(Throwable e) {
    return !(e instanceof CheckedMessage.BadRequest || e instanceof ClassCastException
        || e instanceof MessageWrites.QueueFull || e instanceof ArchivePaging.NoSuchMessage);
  }

  private ArchivePrefs checked(ArchivePrefs p) {
    String owner = CheckedMessage.bare("owner", p.owner());
    if (!List.of("always", "roster", "never").contains(String.valueOf(p.defaultMode()))) {
      throw new CheckedMessage.BadRequest("\"default\" must be always, roster or never, got " + p.defaultMode());
    }
    return new ArchivePrefs(owner, p.defaultMode(), bareJids("always", p.always()), bareJids("never", p.never()));
  }

  private static List<String> bareJids(String field, List<String> jids) {
    return jids.stream().map(j -> Jids.parse(j)
        .orElseThrow(() -> new CheckedMessage.BadRequest("\"" + field + "\" holds " + j + ", not a JID"))
        .asBareJid().toString()).distinct().toList();
  }

  private Throwable cannotOpen(Throwable e) {
    if (e instanceof Database.StoreFailure) {
      return e;
    }
    String where = options.postgresql()
        ? "archive store " + db.name()
        : ArchiveOptions.SECTION + ".directory: the embedded store " + db.name();
    return new Database.StoreFailure(where + " cannot be opened: " + e.getMessage());
  }
}
