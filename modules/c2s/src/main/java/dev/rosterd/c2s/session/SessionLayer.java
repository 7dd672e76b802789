package dev.rosterd.c2s.session;

import io.vertx.core.Future;
import org.jxmpp.jid.EntityBareJid;

/**
 * What happens on a stream after SASL: resource binding, then every stanza of the bound session.
 * The stream layer (negotiation, TLS, SASL, XML) calls it; it never sees a socket.
 */
public interface SessionLayer {
  /**
   * Binds a resource for an authenticated user (RFC 6120 §7).
   *
   * @param requestedResource the resource the client asked for, or null for a server-generated one
   * @return the bound session; fails with {@link BindFailure} when the resource cannot be bound
   */
  Future<BoundSession> bind(EntityBareJid user, String requestedResource, ClientLink link);
}
