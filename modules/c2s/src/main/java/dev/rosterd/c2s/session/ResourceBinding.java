package dev.rosterd.c2s.session;

import dev.rosterd.common.jid.Jids;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
final class ResourceBinding implements SessionLayer {
  private static final Logger log = LoggerFactory.getLogger(ResourceBinding.class);

  private final SessionServices services;
  private final SessionLifecycle lifecycle;
  private final StreamResumption resumption;

  ResourceBinding(SessionServices services, SessionLifecycle lifecycle) {
    this.services = services;
    this.lifecycle = lifecycle;
    this.resumption = new StreamResumption(services);
  }

  @Override
  public Future<BoundSession> resume(EntityBareJid user, String previd, long h, ClientLink link) {
    return resumption.resume(user, previd, h, link);
  }

  @Override
  public Future<Void> shutDown() {
    return services.local().endWaiting();
  }

  @Override
  public Future<BoundSession> bind(EntityBareJid user, String requestedResource, ClientLink link) {
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
    String address = services.local().newAddress();
    ClientSession session = new ClientSession(services, lifecycle, jid.get(), address, link);
    return OnConnection.of(link, services.local().ready())
        .compose(v -> {
          services.local().add(address, new SessionInbox(session), link.context());
          return OnConnection.of(link, lifecycle.join(jid.get(), address));
        })
        .<BoundSession>map(v -> {
          session.start();
          return new CarriedSession(session, link);
        })
        .recover(e -> {
          services.local().remove(address);
          if (e instanceof BindFailure) {
            return Future.failedFuture(e);
          }
          log.warn("cannot bind {}: {}", jid.get(), e.toString());
          return Future.failedFuture(
              new BindFailure(StanzaError.Type.WAIT, "internal-server-error", "session directory unavailable"));
        });
  }

  /** A server-generated resource (RFC 6120 §7.6.2.1): unique enough, never guessable. */
  private static String generatedResource() {
    return "rosterd-" + UUID.randomUUID().toString().substring(0, 13);
  }
}
