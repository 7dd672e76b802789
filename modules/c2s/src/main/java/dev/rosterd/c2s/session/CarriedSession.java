package dev.rosterd.c2s.session;

import dev.rosterd.stanza.Element;
import io.vertx.core.Future;
import org.jxmpp.jid.EntityFullJid;

/**
 * A session as the stream it was bound on sees it: what that stream reports goes to the session
 * with the stream named, so that a stream which no longer carries the session (it was resumed on
 * another) is ignored.
 */
record CarriedSession(ClientSession session, ClientLink link) implements BoundSession {
  @Override
  public EntityFullJid jid() {
    return session.jid();
  }

  @Override
  public void handle(Element stanza) {
    session.handle(link, stanza);
  }

  @Override
  public Future<Void> closed() {
    return session.streamEnded(link);
  }

  @Override
  public Future<Void> connectionLost() {
    return session.connectionLost(link);
  }
}
