package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.stanza.Element;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jxmpp.jid.EntityFullJid;

/**
 * A resumed session as the stream that resumed it sees it (XEP-0198 §5): the session stays where
 * it was bound (its state, its directory entry and its address do not move), and this stream
 * relays: the client's elements go to the session as {@link SessionMessage.FromClient}, in order;
 * what the session writes arrives at this stream's own address ({@link RelayInbox}).
 */
final class RelayedSession implements BoundSession {
  private final Vertx vertx;
  private final EntityFullJid jid;
  private final String session;
  private final String relay;
  private final LocalSessions local;

  /**
   * @param session the session's address
   * @param relay this stream's address, held in {@code local}
   */
  RelayedSession(Vertx vertx, EntityFullJid jid, String session, String relay, LocalSessions local) {
    this.vertx = vertx;
    this.jid = jid;
    this.session = session;
    this.relay = relay;
    this.local = local;
  }

  @Override
  public EntityFullJid jid() {
    return jid;
  }

  @Override
  public void handle(Element stanza) {
    SessionAddressing.send(vertx, session, new SessionMessage.FromClient(relay, stanza.toXml("")).toJson());
  }

  @Override
  public Future<Void> closed() {
    return lost(true);
  }

  @Override
  public Future<Void> connectionLost() {
    return lost(false);
  }

  private Future<Void> lost(boolean streamEnded) {
    local.remove(relay);
    SessionAddressing.send(vertx, session, new SessionMessage.LinkLost(relay, streamEnded).toJson());
    return Future.succeededFuture();
  }
}
