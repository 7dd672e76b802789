package dev.rosterd.c2s.roster;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.RosterGet;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.roster.RosterItem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's view of its user's roster, served by the roster cache over {@link
 * Addresses#ROSTER_GET} and kept current by roster pushes. Used only on the session's context.
 *
 * <p>A failed load is not remembered: the next {@link #current()} asks again. A push that arrives
 * while a load is in flight makes the load ask once more when it completes, because the answer in
 * flight may predate the change (the cache stores a new roster before it pushes it).
 */
public final class SessionRoster {
  /**
   * How long a roster get waits for the cache, which itself bounds its fetch from the web
   * application (5 s by default); past this the client gets {@code internal-server-error}.
   */
  public static final long LOAD_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final String username;
  private RosterSnapshot snapshot;
  private Future<RosterSnapshot> loading;
  private boolean stale;
  private boolean interested;

  /** @param username the normalised local part of the user */
  public SessionRoster(Vertx vertx, String username) {
    this.vertx = vertx;
    this.username = username;
  }

  /** The roster, loaded once and then kept by pushes; a failed load is retried on the next call. */
  public Future<RosterSnapshot> current() {
    if (snapshot != null) {
      return Future.succeededFuture(snapshot);
    }
    if (loading == null) {
      loading = load().onComplete(ar -> loading = null);
    }
    return loading;
  }

  private Future<RosterSnapshot> load() {
    stale = false;
    // Asked while the cache is being redeployed, the request waits for it (BusRequest).
    return BusRequest.send(vertx, Addresses.ROSTER_GET, new RosterGet(username).toJson(), LOAD_TIMEOUT_MS)
        .compose(reply -> {
          if (stale) {
            return load();
          }
          snapshot = RosterSnapshot.fromJson(reply.body());
          return Future.succeededFuture(snapshot);
        });
  }

  /** Applies a roster push from the cache to the loaded roster. */
  public void apply(String version, List<RosterChange> changes) {
    if (snapshot == null) {
      stale = loading != null;
      return;
    }
    Map<String, RosterItem> items = new LinkedHashMap<>();
    snapshot.items().forEach(i -> items.put(i.jid(), i));
    for (RosterChange change : changes) {
      if (change.kind() == RosterChange.Kind.REMOVED) {
        items.remove(change.item().jid());
      } else {
        items.put(change.item().jid(), change.item());
      }
    }
    snapshot = new RosterSnapshot(version, List.copyOf(items.values()));
  }

  /** Whether the client asked for the roster, and so gets pushes (RFC 6121 §2.1.6). */
  public boolean interested() {
    return interested;
  }

  public void markInterested() {
    interested = true;
  }
}
