package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.SessionMessage;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the {@link SessionMessage}s that arrive at one session's event-bus address and hands them to it. */
final class SessionInbox implements Inbox {
  private static final Logger log = LoggerFactory.getLogger(SessionInbox.class);

  private final ClientSession session;

  SessionInbox(ClientSession session) {
    this.session = session;
  }

  @Override
  public void receive(Message<JsonObject> message) {
    SessionMessage read;
    try {
      read = SessionMessage.fromJson(message.body());
    } catch (RuntimeException e) {
      log.warn("session {} got a message it cannot read: {}", session.jid(), e.getMessage());
      if (message.replyAddress() != null) {
        message.fail(BusFailure.BAD_REQUEST, e.getMessage());
      }
      return;
    }
    session.received(read, message);
  }
}
