package dev.rosterd.c2s.roster;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.RosterGet;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.roster.RosterItem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session's view of its user's roster, served by the roster cache over {@link
 * Addresses#ROSTER_GET} and kept current by roster pushes. Used only on the session's context.
 *
 * <p>The roster loaded at bind is held whole until the client's first roster get, which it answers.
 * After that the session keeps only what it needs itself: the version (to answer a get that names
 * it, XEP-0237) and the contacts' JIDs (for presence). A later get that needs the items asks the
 * cache again, which holds the roster anyway; so an idle session does not keep a second copy of it.
 *
 * <p>A failed load is not remembered: the next call asks again. A push that arrives while a load is
 * in flight makes the load ask once more when it completes, because the answer in flight may
 * predate the change (the cache stores a new roster before it pushes it).
 */
public final class SessionRoster {
  /**
   * How long a roster get waits for the cache, which itself bounds its fetch from the web
   * application (5 s by default); past this the client gets {@code internal-server-error}.
   */
  public static final long LOAD_TIMEOUT_MS = 10_000;

  /** Separates the contacts' JIDs in {@link #contacts}; PRECIS allows no control character in a JID. */
  private static final String SEPARATOR = "\n";

  private final Vertx vertx;
  private final String username;
  /** The whole roster, held from its load until the client's first get; null otherwise. */
  private RosterSnapshot held;
  /** The version of the roster the session knows; null until loaded. */
  private String version;
  /**
   * The contacts' bare JIDs joined by {@link #SEPARATOR}: one string rather than a list of them, as
   * this stays for the life of every session.
   */
  private String contacts;
  private Future<RosterSnapshot> loading;
  private boolean stale;
  private boolean interested;

  /** @param username the normalised local part of the user */
  public SessionRoster(Vertx vertx, String username) {
    this.vertx = vertx;
    this.username = username;
  }

  /**
   * The whole roster: the one held since the load, or a new load (held until the client's first
   * get, if it has not asked yet). A failed load is retried on the next call.
   */
  public Future<RosterSnapshot> current() {
    if (held != null) {
      return Future.succeededFuture(held);
    }
    if (loading == null) {
      loading = load().onComplete(ar -> loading = null);
    }
    return loading;
  }

  /**
   * What a client's roster get is answered from: a roster with no items when the client already
   * holds the version the session knows (the answer is then empty), the roster held since the load
   * (which the session then lets go of), or the cache's.
   */
  public Future<RosterSnapshot> forClient(String knownVersion) {
    if (version != null && version.equals(knownVersion)) {
      return Future.succeededFuture(new RosterSnapshot(version, List.of()));
    }
    return current().map(snapshot -> {
      held = null;
      return snapshot;
    });
  }

  /** The contacts' bare JIDs, as the roster has them; loads the roster if it is not yet known. */
  public Future<List<String>> contactJids() {
    if (contacts != null) {
      return Future.succeededFuture(split(contacts));
    }
    return current().map(snapshot -> snapshot.items().stream().map(RosterItem::jid).toList());
  }

  /**
   * Whether {@code jid} (a bare JID) is a contact, by what the session knows or is loading now; a
   * roster that failed to load is not asked again here, so that routing a message never waits for
   * the web application. Unknown counts as not a contact.
   */
  public Future<Boolean> isContact(String jid) {
    if (contacts != null) {
      return Future.succeededFuture(listed(contacts, jid));
    }
    if (loading != null) {
      return loading.map(snapshot -> snapshot.items().stream().anyMatch(i -> i.jid().equals(jid)))
          .otherwise(false);
    }
    return Future.succeededFuture(false);
  }

  private Future<RosterSnapshot> load() {
    stale = false;
    // Asked while the cache is being redeployed, the request waits for it (BusRequest).
    return BusRequest.send(vertx, Addresses.ROSTER_GET, new RosterGet(username).toJson(), LOAD_TIMEOUT_MS)
        .compose(reply -> {
          if (stale) {
            return load();
          }
          RosterSnapshot snapshot = RosterSnapshot.fromJson(reply.body());
          version = snapshot.version();
          contacts = join(snapshot.items().stream().map(RosterItem::jid).toList());
          if (!interested) {
            held = snapshot;
          }
          return Future.succeededFuture(snapshot);
        });
  }

  /** Applies a roster push from the cache to what the session knows of the roster. */
  public void apply(String version, List<RosterChange> changes) {
    stale = stale || loading != null;
    if (this.version == null) {
      return;
    }
    if (held != null) {
      held = applied(held, version, changes);
    }
    Set<String> jids = new LinkedHashSet<>(split(contacts));
    for (RosterChange change : changes) {
      if (change.kind() == RosterChange.Kind.REMOVED) {
        jids.remove(change.item().jid());
      } else {
        jids.add(change.item().jid());
      }
    }
    contacts = join(List.copyOf(jids));
    this.version = version;
  }

  private static RosterSnapshot applied(RosterSnapshot snapshot, String version, List<RosterChange> changes) {
    Map<String, RosterItem> items = new LinkedHashMap<>();
    snapshot.items().forEach(i -> items.put(i.jid(), i));
    for (RosterChange change : changes) {
      if (change.kind() == RosterChange.Kind.REMOVED) {
        items.remove(change.item().jid());
      } else {
        items.put(change.item().jid(), change.item());
      }
    }
    return new RosterSnapshot(version, List.copyOf(items.values()));
  }

  private static String join(List<String> jids) {
    return String.join(SEPARATOR, jids);
  }

  /**
   * Whether {@code jid} is one of the JIDs {@code joined} holds, found without splitting it: every
   * message a client sends asks this.
   */
  static boolean listed(String joined, String jid) {
    if (jid.isEmpty()) {
      return false;
    }
    for (int at = joined.indexOf(jid); at >= 0; at = joined.indexOf(jid, at + 1)) {
      int end = at + jid.length();
      boolean starts = at == 0 || joined.startsWith(SEPARATOR, at - 1);
      boolean ends = end == joined.length() || joined.startsWith(SEPARATOR, end);
      if (starts && ends) {
        return true;
      }
    }
    return false;
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR));
  }

  /** Whether the client asked for the roster, and so gets pushes (RFC 6121 §2.1.6). */
  public boolean interested() {
    return interested;
  }

  public void markInterested() {
    interested = true;
  }
}
