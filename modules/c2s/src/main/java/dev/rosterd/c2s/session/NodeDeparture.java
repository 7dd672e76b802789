package dev.rosterd.c2s.session;

import dev.rosterd.c2s.roster.LocalContacts;
import dev.rosterd.c2s.roster.SessionRoster;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.NodeLeft;
import dev.rosterd.common.flow.InFlightLimit;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.session.SessionDirectory.NodeSession;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node left the cluster ({@link Addresses#NODE_LEFT}): its sessions cannot leave routing on their
 * own, so a survivor does it for them. For each session in the departed node's index: the entry
 * leaves the directory (nothing is routed there any more), the contacts of an available one hear it
 * went unavailable, and a user left with no session has the cached roster released.
 *
 * <p>A stream of this instance that relays a resumed session (XEP-0198) held by the departed node
 * ends: the session is gone with its node.
 *
 * <p>Every survivor is told; the first to take the cluster-wide lock of the departed node does the
 * work and empties the index, so the others find nothing left to do. Removals are owner-checked, so
 * a user who already logged in again elsewhere under the same resource keeps the new session.
 */
final class NodeDeparture {
  private static final Logger log = LoggerFactory.getLogger(NodeDeparture.class);

  /** The lock each survivor takes before clearing a departed node's sessions. */
  static final String LOCK_PREFIX = "rosterd.node-left.";

  /** How long a survivor waits for another one that is clearing the same node. */
  static final long LOCK_TIMEOUT_MS = 120_000;

  /** How often clearing a departed node is tried. */
  static final int CLEAR_ATTEMPTS = 5;

  /** The pause between those tries. */
  static final long CLEAR_RETRY_MS = 2_000;

  /** How often a departed session's roster is asked for before its contacts go untold. */
  static final int ROSTER_ATTEMPTS = 5;

  /** The pause between those attempts. */
  static final long ROSTER_RETRY_MS = 500;

  /** Sessions cleared at once; each costs a few shared-data round trips. */
  static final int IN_FLIGHT = 64;

  private final SessionServices server;
  private final SessionLifecycle lifecycle;

  NodeDeparture(SessionServices server, SessionLifecycle lifecycle) {
    this.server = server;
    this.lifecycle = lifecycle;
  }

  /** Starts handling {@link Addresses#NODE_LEFT} sent on this node. */
  void listen() {
    server.vertx().eventBus().<JsonObject>localConsumer(Addresses.NODE_LEFT, m -> {
      // Taken on: the launcher stops re-sending (it re-sends while no c2s is deployed here).
      m.reply(new JsonObject());
      String node = NodeLeft.fromJson(m.body()).node();
      server.local().endRelaysFrom(node);
      clear(node, CLEAR_ATTEMPTS);
    });
  }

  /**
   * Clears {@code node}, again a little later if that failed: it runs while the cluster moves the
   * departed node's share of the shared data to the survivors, and its sessions must not stay in
   * routing for want of one more try.
   */
  private Future<Integer> clear(String node, int attempts) {
    return clear(node).recover(e -> attempts > 1
        ? server.vertx().timer(CLEAR_RETRY_MS).compose(t -> clear(node, attempts - 1))
        : Future.failedFuture(e));
  }

  /** Takes every session of {@code node} out of routing; completes with how many there were. */
  Future<Integer> clear(String node) {
    return server.vertx().sharedData()
        .getLockWithTimeout(LOCK_PREFIX + node, LOCK_TIMEOUT_MS)
        .compose(lock -> server.directory().sessionsOfNode(node)
            .compose(this::removeAll)
            .compose(n -> server.directory().forgetNode(node).map(n))
            .andThen(ar -> lock.release()))
        .onSuccess(n -> {
          if (n > 0) {
            log.info("node {} left the cluster: its {} sessions left routing", node, n);
          }
        })
        .onFailure(e -> log.warn("could not clear the sessions of departed node {}: {}", node, e.toString()));
  }

  private Future<Integer> removeAll(List<NodeSession> sessions) {
    InFlightLimit limit = new InFlightLimit(IN_FLIGHT);
    List<Future<Void>> removed = sessions.stream().map(s -> limit.submit(() -> remove(s))).toList();
    // A session that failed stays in the index (only a removal takes it out), for the next try.
    return Future.join(removed).map(sessions.size());
  }

  private Future<Void> remove(NodeSession s) {
    Optional<EntityFullJid> jid = Jids.parse(s.bareJid() + "/" + s.resource())
        .filter(j -> j.isEntityFullJid())
        .map(j -> j.asEntityFullJidOrThrow());
    if (jid.isEmpty()) {
      return server.directory().remove(s.bareJid(), s.resource(), s.address()).mapEmpty();
    }
    return lifecycle.depart(jid.get(), s.address(), () -> contactsOf(jid.get()))
        .onFailure(e -> log.debug("departed session {} not cleared: {}", s.address(), e.toString()));
  }

  /**
   * The contacts to tell, from the roster cache. The departure is handled as the cluster learns of
   * it, and a request may still go to a cache on the departed node until Vert.x has dropped that
   * node's registrations: such a failed request is made again.
   */
  private Future<List<BareJid>> contactsOf(EntityFullJid jid) {
    return contactsOf(jid, ROSTER_ATTEMPTS);
  }

  private Future<List<BareJid>> contactsOf(EntityFullJid jid, int attempts) {
    return new SessionRoster(server.vertx(), jid.getLocalpart().toString()).current()
        .map(snapshot -> LocalContacts.of(snapshot, server.domain()))
        .recover(e -> {
          if (attempts > 1) {
            log.debug("roster of departed {} not read, trying again: {}", jid, e.getMessage());
            return server.vertx().timer(ROSTER_RETRY_MS).compose(t -> contactsOf(jid, attempts - 1));
          }
          log.warn("contacts of {} not told that its node left: its roster could not be read: {}",
              jid, e.getMessage());
          return Future.succeededFuture(List.of());
        });
  }
}
