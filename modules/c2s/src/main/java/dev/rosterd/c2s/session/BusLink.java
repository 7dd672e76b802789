package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.stanza.Element;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A stream that carries a resumed session from elsewhere (another c2s instance or node), as the
 * session sees it: what the session writes goes over the event bus to the stream's address, in
 * order. Two are equal when they name the same stream.
 *
 * @param home the session's context, where the session's callbacks run
 * @param address the stream's address in its c2s inbox
 */
record BusLink(Vertx vertx, Context home, String address) implements ClientLink {
  @Override
  public void send(Element stanza) {
    sendXml(stanza.toXml());
  }

  @Override
  public void sendXml(String xml) {
    SessionAddressing.send(vertx, address, new SessionMessage.Stanza(xml).toJson());
  }

  @Override
  public void closeWithStreamError(String condition, String text) {
    SessionAddressing.send(vertx, address, new SessionMessage.StreamEnd(condition, text).toJson());
  }

  @Override
  public Context context() {
    return home;
  }
}
