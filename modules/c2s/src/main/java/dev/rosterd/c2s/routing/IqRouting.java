package dev.rosterd.c2s.routing;

import dev.rosterd.stanza.IqReply;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Iq stanzas a client addresses to someone other than the server or its own account (RFC 6121
 * §8.5). Only a full JID with a session can answer; for a bare JID the server answers on the
 * user's behalf, and it offers no service there.
 */
public final class IqRouting {
  private final StanzaDelivery delivery;

  public IqRouting(StanzaDelivery delivery) {
    this.delivery = delivery;
  }

  /**
   * Routes {@code iq} (already stamped with the sender's full JID).
   *
   * @return the error reply for the sender, if the iq is a request nobody will answer
   */
  public Future<Optional<Element>> route(Element iq, Recipient to) {
    return switch (to.kind()) {
      case LOCAL_FULL -> delivery.toResource(to.fullJid(), iq)
          .compose(delivered -> delivered ? MessageRouting.none() : unanswered(iq, "service-unavailable"));
      case REMOTE -> unanswered(iq, "remote-server-not-found");
      case MALFORMED -> IqReply.isRequest(iq)
          ? Future.succeededFuture(Optional.of(StanzaError.reply(iq, StanzaError.Type.MODIFY, "jid-malformed")))
          : MessageRouting.none();
      default -> unanswered(iq, "service-unavailable");
    };
  }

  /** A request gets the error; a result or error nobody takes is dropped (RFC 6120 §8.3.1). */
  private static Future<Optional<Element>> unanswered(Element iq, String condition) {
    return IqReply.isRequest(iq)
        ? Future.succeededFuture(Optional.of(StanzaError.reply(iq, StanzaError.Type.CANCEL, condition)))
        : MessageRouting.none();
  }
}
