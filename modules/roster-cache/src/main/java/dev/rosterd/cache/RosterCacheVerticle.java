package dev.rosterd.cache;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.RosterGet;
import dev.rosterd.common.bus.RosterRefresh;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roster cache: answers {@link Addresses#ROSTER_GET}, {@link Addresses#ROSTER_REFRESH} and
 * {@link Addresses#ROSTER_RELEASE} from rosters kept in Vert.x shared data ({@link SharedRosters}),
 * fetching through {@link Addresses#ROSTER_FETCH} and pushing to sessions at their addresses in the
 * {@link dev.rosterd.common.session.SessionDirectory}. Several instances, on one node or many, share
 * the same state.
 */
public final class RosterCacheVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RosterCacheVerticle.class);

  private SharedRosters rosters;
  private List<MessageConsumer<JsonObject>> consumers;

  @Override
  public Future<?> start() {
    Jids.setUp();
    RosterCacheOptions options = new RosterCacheOptions(config());
    rosters = new SharedRosters(vertx, options.lockTimeoutMs());
    RosterCache cache = new RosterCache(vertx, options, rosters);
    consumers = List.of(
        vertx.eventBus().consumer(Addresses.ROSTER_GET,
            m -> answer(m, username(m, j -> RosterGet.fromJson(j).username()).compose(cache::get), s -> s)),
        vertx.eventBus().consumer(Addresses.ROSTER_REFRESH,
            m -> answer(m, username(m, j -> RosterRefresh.fromJson(j).username()).compose(cache::refresh), o -> o.toJson())),
        vertx.eventBus().consumer(Addresses.ROSTER_RELEASE,
            m -> answer(m, username(m, j -> RosterRelease.fromJson(j).username()).compose(cache::release),
                v -> new JsonObject())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    rosters.releaseHeldLocks();
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  private static Future<String> username(Message<JsonObject> m, Function<JsonObject, String> read) {
    String u = m.body() == null ? null : read.apply(m.body());
    return u == null || u.isEmpty()
        ? Future.failedFuture(new CacheFailure(BusFailure.BAD_REQUEST, "request without a username"))
        : Future.succeededFuture(u);
  }

  /**
   * Replies with the result or the failure. A release is sent without a reply address (nothing
   * waits for it), and then the reply goes nowhere; one sent as a request is answered once done.
   */
  private static <T> void answer(Message<JsonObject> m, Future<T> result, Function<T, JsonObject> json) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(json.apply(ar.result()));
      } else if (ar.cause() instanceof CacheFailure f) {
        m.fail(f.code(), f.getMessage());
      } else {
        LOG.warn("roster cache request on {} failed", m.address(), ar.cause());
        m.fail(BusFailure.UNAVAILABLE, String.valueOf(ar.cause().getMessage()));
      }
    });
  }
}
