package dev.rosterd.c2s.session;

import dev.rosterd.c2s.presence.PresenceFanout;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionEntry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a session enters and leaves routing, in one place for the live session and for the sessions
 * of a node that left the cluster:
 *
 * <ul>
 *   <li>{@link #join}: the session is recorded in the shared-data directory (and its node's index),
 *       and an older session bound to the same full JID is told it was replaced;
 *   <li>{@link #leave}: unavailable presence is announced (if there is anything to announce), the
 *       entry leaves the directory, and the user's cached roster is released when no session is left;
 *   <li>{@link #depart}: the same for a session whose node is gone, announced on its behalf.
 * </ul>
 */
final class SessionLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

  /** How long a roster release may wait for a cache being redeployed. */
  static final long RELEASE_TIMEOUT_MS = 30_000;

  /**
   * How long the new session waits for the one it replaces to say goodbye (announce unavailable
   * presence) before it goes on; bounded so that a vanished node cannot block a login.
   */
  static final long REPLACE_TIMEOUT_MS = 3_000;

  private final SessionServices services;

  SessionLifecycle(SessionServices services) {
    this.services = services;
  }

  /** Records the session at {@code address} and replaces an older one bound to the same JID. */
  Future<Void> join(EntityFullJid jid, String address) {
    return services.directory()
        .put(bare(jid), resource(jid), new SessionEntry(address, 0, false))
        .compose(displaced -> replace(jid, address, displaced));
  }

  /**
   * Takes the session out of routing once {@code announcement} (its unavailable presence) is done;
   * a failed announcement is logged and does not keep the session in routing.
   */
  Future<Void> leave(EntityFullJid jid, String address, Supplier<Future<Void>> announcement) {
    return announcement.get()
        .otherwise(e -> {
          log.debug("{} could not announce unavailability: {}", jid, e.getMessage());
          return null;
        })
        .compose(v -> services.directory().remove(bare(jid), resource(jid), address))
        .onSuccess(left -> {
          if (left == 0) {
            release(jid);
          }
        })
        .mapEmpty();
  }

  /**
   * A session of a departed node: its contacts and the user's other resources hear that it is
   * unavailable, if the directory still shows it available under {@code address} (whom it sent
   * directed presence to was known only to the dead node), then it leaves as any session does.
   *
   * @param contacts the user's local contacts, read before the roster may be released
   */
  Future<Void> depart(EntityFullJid jid, String address, Supplier<Future<List<BareJid>>> contacts) {
    return services.directory().sessions(bare(jid)).compose(all -> {
      SessionEntry entry = all.get(resource(jid));
      boolean announce = entry != null && entry.address().equals(address) && entry.available();
      return leave(jid, address, () -> announce
          ? contacts.get().compose(c -> services.presenceFanout()
              .toEveryone(jid, address, PresenceFanout.unavailable(jid), c, false))
          : Future.succeededFuture());
    });
  }

  /** Tells the displaced session it was replaced and waits (bounded) until it has left. */
  private Future<Void> replace(EntityFullJid jid, String address, Optional<SessionEntry> displaced) {
    if (displaced.isEmpty() || displaced.get().address().equals(address)) {
      return Future.succeededFuture();
    }
    log.debug("{} replaces an older session", jid);
    DeliveryOptions bounded = new DeliveryOptions().setSendTimeout(REPLACE_TIMEOUT_MS);
    return SessionAddressing
        .request(services.vertx(), displaced.get().address(), new SessionMessage.Replaced().toJson(), bounded)
        .<Void>mapEmpty()
        .otherwise(e -> {
          log.debug("replaced session at {} did not answer: {}", displaced.get().address(), e.getMessage());
          return null;
        });
  }

  /** A request, not a bare send, so that a release during a cache redeploy waits for it. */
  private void release(EntityFullJid jid) {
    BusRequest.send(services.vertx(), Addresses.ROSTER_RELEASE,
            new RosterRelease(jid.getLocalpart().toString()).toJson(), RELEASE_TIMEOUT_MS)
        .onFailure(e -> log.debug("release of {}'s roster failed: {}", jid, e.getMessage()));
  }

  private static String bare(EntityFullJid jid) {
    return jid.asBareJid().toString();
  }

  private static String resource(EntityFullJid jid) {
    return jid.getResourceOrThrow().toString();
  }
}
