package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.common.xml.StanzaError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.Optional;
import java.util.UUID;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource binding (RFC 6120 §7): picks or checks the resource, records the session in the
 * shared-data directory under an address in this c2s instance's inbox, and replaces an older session
 * bound to the same full JID (§7.7.2.2, the default: the older one is disconnected).
 */
final class ResourceBinding {
  private static final Logger log = LoggerFactory.getLogger(ResourceBinding.class);

  /**
   * How long the new session waits for the one it replaces to say goodbye (announce unavailable
   * presence) before it goes on; bounded so that a vanished node cannot block a login.
   */
  static final long REPLACE_TIMEOUT_MS = 3_000;

  private final SessionContext server;

  ResourceBinding(SessionContext server) {
    this.server = server;
  }

  Future<BoundSession> bind(EntityBareJid user, String requestedResource, ClientLink link) {
    Promise<BoundSession> bound = Promise.promise();
    link.context().runOnContext(v -> bindHere(user, requestedResource, link).onComplete(bound));
    return bound.future();
  }

  private Future<BoundSession> bindHere(EntityBareJid user, String requested, ClientLink link) {
    String resource = requested == null || requested.isEmpty() ? generatedResource() : requested;
    Optional<EntityFullJid> jid = Jids.full(user, resource);
    if (jid.isEmpty()) {
      return Future.failedFuture(
          new BindFailure(StanzaError.Type.MODIFY, "bad-request", "resource is not valid under PRECIS"));
    }
    String address = server.local().newAddress();
    ClientSession session = new ClientSession(server, jid.get(), address, link);
    return OnConnection.of(link, server.local().ready())
        .compose(v -> {
          session.listen();
          return OnConnection.of(link, record(session));
        })
        .compose(displaced -> OnConnection.of(link, replace(session, displaced)))
        .<BoundSession>map(
            v -> {
              session.start();
              return session;
            })
        .recover(
            e -> {
              session.unlisten();
              if (e instanceof BindFailure) {
                return Future.failedFuture(e);
              }
              log.warn("cannot bind {}: {}", jid.get(), e.toString());
              return Future.failedFuture(
                  new BindFailure(StanzaError.Type.WAIT, "internal-server-error", "session directory unavailable"));
            });
  }

  private Future<Optional<SessionEntry>> record(ClientSession session) {
    EntityFullJid jid = session.jid();
    return server
        .directory()
        .put(jid.asBareJid().toString(), jid.getResourceOrThrow().toString(), new SessionEntry(session.address(), 0, false));
  }

  /** Tells the displaced session it was replaced and waits (bounded) until it has left. */
  private Future<Void> replace(ClientSession session, Optional<SessionEntry> displaced) {
    if (displaced.isEmpty() || displaced.get().address().equals(session.address())) {
      return Future.succeededFuture();
    }
    log.debug("{} replaces an older session", session.jid());
    DeliveryOptions bounded = new DeliveryOptions().setSendTimeout(REPLACE_TIMEOUT_MS);
    return SessionAddressing
        .request(server.vertx(), displaced.get().address(), SessionMessage.replaced(), bounded)
        .<Void>mapEmpty()
        .otherwise(e -> {
          log.debug("replaced session at {} did not answer: {}", displaced.get().address(), e.getMessage());
          return null;
        });
  }

  /** A server-generated resource (RFC 6120 §7.6.2.1): unique enough, never guessable. */
  private static String generatedResource() {
    return "rosterd-" + UUID.randomUUID().toString().substring(0, 13);
  }
}
