package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.SessionMessage;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches the {@link SessionMessage}s that arrive at a session's event-bus address. */
final class SessionInbox {
  private static final Logger log = LoggerFactory.getLogger(SessionInbox.class);

  private final ClientSession session;

  SessionInbox(ClientSession session) {
    this.session = session;
  }

  void receive(Message<JsonObject> message) {
    JsonObject body = message.body();
    String kind = body == null ? null : body.getString(SessionMessage.KIND);
    if (kind == null) {
      log.warn("session {} got a message without kind", session.jid());
      return;
    }
    switch (kind) {
      case SessionMessage.STANZA -> session.write(body.getString("xml"));
      case SessionMessage.REPLACED -> session.replaced(message);
      case SessionMessage.PROBE -> session.probed(body.getString("from"));
      case SessionMessage.ROSTER_PUSH -> {
        session.rosterPushed(body);
        message.reply(new JsonObject());
      }
      default -> log.warn("session {} got a message of unknown kind {}", session.jid(), kind);
    }
  }
}
