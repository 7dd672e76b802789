package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.session.SessionAddressing;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives at the address of a stream that relays a resumed session: what the session writes
 * to its client ({@link SessionMessage.Stanza}, written as it is) and the order to end the stream
 * ({@link SessionMessage.StreamEnd}). Runs on the stream's context.
 */
final class RelayInbox implements Inbox {
  private static final Logger log = LoggerFactory.getLogger(RelayInbox.class);

  private final ClientLink stream;
  private final String session;

  /** @param session the address of the session the stream relays */
  RelayInbox(ClientLink stream, String session) {
    this.stream = stream;
    this.session = session;
  }

  /** Whether the relayed session lived on {@code node}. */
  boolean relaysFrom(String node) {
    return SessionAddressing.nodeOf(session).equals(node);
  }

  /**
   * The relayed session's node left the cluster: the session is gone with it, so the stream ends
   * (rather than relaying into nothing); the client's next resume fails and it binds afresh.
   */
  void sessionGone() {
    stream.closeWithStreamError("system-shutdown", "the server that held this session is gone; log in again");
  }

  @Override
  public void receive(Message<JsonObject> message) {
    SessionMessage read;
    try {
      read = SessionMessage.fromJson(message.body());
    } catch (RuntimeException e) {
      log.warn("a relaying stream got a message it cannot read: {}", e.getMessage());
      return;
    }
    if (read instanceof SessionMessage.Stanza s) {
      stream.sendXml(s.xml());
    } else if (read instanceof SessionMessage.StreamEnd end) {
      stream.closeWithStreamError(end.condition(), end.text());
    } else {
      log.debug("a relaying stream ignores a {}", read.getClass().getSimpleName());
    }
  }
}
