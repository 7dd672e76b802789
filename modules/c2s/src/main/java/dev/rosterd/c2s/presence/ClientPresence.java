package dev.rosterd.c2s.presence;

import dev.rosterd.c2s.routing.Recipient;
import dev.rosterd.c2s.session.port.SessionPort;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a client's presence goes (RFC 6121 §4): broadcast when it has no {@code to} or the user's
 * bare JID, delivered as addressed otherwise; subscription requests and answers are stopped at the
 * {@link SubscriptionGate}, and probes from clients are dropped (only the server probes).
 */
public final class ClientPresence {
  private static final Logger log = LoggerFactory.getLogger(ClientPresence.class);

  private final SessionPort session;
  private final SubscriptionGate subscriptions;
  private final PresenceBroadcast presence;
  private final Supplier<Future<Void>> afterInitialPresence;

  /**
   * @param afterInitialPresence what follows the resource's initial presence with a non-negative
   *     priority, once it was broadcast (offline delivery, XEP-0160 §3)
   */
  public ClientPresence(SessionPort session, SubscriptionGate subscriptions, PresenceBroadcast presence,
      Supplier<Future<Void>> afterInitialPresence) {
    this.session = session;
    this.subscriptions = subscriptions;
    this.presence = presence;
    this.afterInitialPresence = afterInitialPresence;
  }

  /** Handles a presence the client sent, its {@code from} already stamped. */
  public void handle(Element stanza, Recipient to) {
    String type = stanza.attribute("type");
    if (SubscriptionGate.stops(stanza)) {
      session.sendWhenReady(subscriptions.block(stanza));
      return;
    }
    if ("probe".equals(type)) {
      log.debug("{} sent a probe; dropped", session.jid());
      return;
    }
    if (type != null && !type.equals("unavailable") && !type.equals("error")) {
      session.send(StanzaError.reply(stanza, StanzaError.Type.MODIFY, "bad-request"));
      return;
    }
    switch (to.kind()) {
      case OWN_ACCOUNT -> {
        if (!"error".equals(type)) {
          session.inOrder(stanza, () -> {
            boolean initial = !presence.available() && type == null && PresenceBroadcast.priority(stanza) >= 0;
            return session.contacts()
                .compose(contacts -> presence.broadcast(stanza, contacts))
                .compose(v -> initial ? afterInitialPresence.get() : Future.succeededFuture())
                .map(Optional.empty());
          });
        }
      }
      case LOCAL_BARE, LOCAL_FULL -> session.inOrder(stanza, () -> presence.direct(stanza, to).map(Optional.empty()));
      case MALFORMED -> bounce(stanza, "jid-malformed", StanzaError.Type.MODIFY);
      case REMOTE -> bounce(stanza, "remote-server-not-found", StanzaError.Type.CANCEL);
      case SERVER -> log.debug("{} sent presence to the server; nothing to do", session.jid());
    }
  }

  private void bounce(Element stanza, String condition, StanzaError.Type type) {
    if (!"error".equals(stanza.attribute("type"))) {
      session.send(StanzaError.reply(stanza, type, condition));
    }
  }
}
