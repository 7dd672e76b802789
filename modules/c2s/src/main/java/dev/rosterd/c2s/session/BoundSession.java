package dev.rosterd.c2s.session;

import dev.rosterd.stanza.Element;
import io.vertx.core.Future;
import org.jxmpp.jid.EntityFullJid;

/** One bound resource: the session layer's half of a connection after binding. */
public interface BoundSession {
  /** The full JID the session is bound to. */
  EntityFullJid jid();

  /**
   * Handles a stanza the client sent (message, presence or iq in {@code jabber:client}), other
   * than the bind request. Called on the connection's context, in the order received.
   */
  void handle(Element stanza);

  /**
   * The stream ended (a closing element or a stream error, from either side): announce unavailable
   * presence if the session was available, leave the session directory, release the roster if it
   * was the user's last session.
   */
  Future<Void> closed();

  /**
   * The connection dropped without the stream ending. A session the client made resumable
   * (XEP-0198) waits to be resumed; any other ends as with {@link #closed()}.
   */
  default Future<Void> connectionLost() {
    return closed();
  }
}
