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

  /**
   * Resumes a session of {@code user} on the stream {@code link} (XEP-0198 §5): the session that
   * gave out {@code previd}, wherever in the cluster it is, writes {@code <resumed/>} and what the
   * client had not acknowledged to {@code link}, and takes the client's stanzas from it.
   *
   * @param h how many of the session's stanzas the client handled
   * @return the resumed session as this stream sees it; fails with {@link ResumptionRefused}. A
   *     layer without resumable sessions refuses every id.
   */
  default Future<BoundSession> resume(EntityBareJid user, String previd, long h, ClientLink link) {
    return Future.failedFuture(new ResumptionRefused("item-not-found", "no resumable sessions here"));
  }

  /**
   * The server stops, after every stream was ended: the sessions that no stream carries (waiting
   * to be resumed) end too.
   */
  default Future<Void> shutDown() {
    return Future.succeededFuture();
  }
}
