package dev.rosterd.c2s.routing;

import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jxmpp.jid.BareJid;

/**
 * Delivery of the messages a client sends, by RFC 6121 §8.5 for local addressees. Offline storage
 * is out of scope, so a message nobody can take is bounced with {@code <service-unavailable/>}
 * (§8.5.2.2.1); there is no server-to-server link, so other domains get {@code
 * <remote-server-not-found/>}.
 */
public final class MessageRouting {
  private final StanzaDelivery delivery;
  private final MessageCarbons carbons;

  public MessageRouting(StanzaDelivery delivery, MessageCarbons carbons) {
    this.delivery = delivery;
    this.carbons = carbons;
  }

  /**
   * Routes {@code message} (its {@code from} already stamped with the sender's full JID), with
   * carbon copies to the recipient's other resources that asked for them (XEP-0280).
   *
   * @return the error reply for the sender, when the message could not be delivered and deserves
   *     one
   */
  public Future<Optional<Element>> route(Element message, Recipient to) {
    return switch (to.kind()) {
      case MALFORMED -> bounce(message, StanzaError.Type.MODIFY, "jid-malformed");
      case REMOTE -> bounce(message, StanzaError.Type.CANCEL, "remote-server-not-found");
      case SERVER -> bounce(message, StanzaError.Type.CANCEL, "service-unavailable");
      case OWN_ACCOUNT, LOCAL_BARE, LOCAL_FULL -> {
        BareJid user = to.jid().asBareJid();
        yield delivery.sessions(user).compose(sessions -> to.kind() == Recipient.Kind.LOCAL_FULL
            ? toFull(message, user, to.fullJid().getResourceOrThrow().toString(), sessions)
            : toBare(message, user, sessions));
      }
    };
  }

  /** §8.5.3: that resource, or if it is gone, by message type. */
  private Future<Optional<Element>> toFull(
      Element message, BareJid user, String resource, Map<String, SessionEntry> sessions) {
    SessionEntry entry = sessions.get(resource);
    if (entry != null) {
      delivered(message, user, sessions, List.of(entry));
      return none();
    }
    return switch (type(message)) {
      case "groupchat" -> bounce(message, StanzaError.Type.CANCEL, "service-unavailable");
      case "headline", "error" -> none();
      default -> toBare(message, user, sessions);
    };
  }

  /** §8.5.2: the highest-priority available resources, every non-negative one for headlines. */
  private Future<Optional<Element>> toBare(Element message, BareJid user, Map<String, SessionEntry> sessions) {
    String type = type(message);
    if (type.equals("groupchat")) {
      return bounce(message, StanzaError.Type.CANCEL, "service-unavailable");
    }
    List<SessionEntry> targets = type.equals("headline")
        ? StanzaDelivery.available(sessions.values()).stream().filter(e -> e.priority() >= 0).toList()
        : StanzaDelivery.highestPriority(sessions.values());
    if (!targets.isEmpty()) {
      delivered(message, user, sessions, targets);
      return none();
    }
    return type.equals("headline") ? none() : bounce(message, StanzaError.Type.CANCEL, "service-unavailable");
  }

  private void delivered(Element message, BareJid user, Map<String, SessionEntry> sessions, List<SessionEntry> to) {
    to.forEach(t -> delivery.send(t, message));
    carbons.received(user, sessions, to, message);
  }

  private static String type(Element message) {
    return message.optAttribute("type").orElse("normal");
  }

  /** An error reply, unless the message is itself an error (RFC 6120 §8.3.1: never answer one). */
  static Future<Optional<Element>> bounce(Element stanza, StanzaError.Type type, String condition) {
    if ("error".equals(stanza.attribute("type"))) {
      return none();
    }
    return Future.succeededFuture(Optional.of(StanzaError.reply(stanza, type, condition)));
  }

  static Future<Optional<Element>> none() {
    return Future.succeededFuture(Optional.empty());
  }
}
