package dev.rosterd.c2s.routing;

import dev.rosterd.c2s.archive.MessageKeeping;
import dev.rosterd.c2s.archive.StanzaIds;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;

/**
 * Delivery of the messages a client sends, by RFC 6121 §8.5 for local addressees. A chat nobody can
 * take waits in the offline queue of the archive piece when one is deployed and the two are
 * contacts, and bounces with {@code <service-unavailable/>} (§8.5.2.2.1) otherwise; there is no
 * server-to-server link, so other domains get {@code <remote-server-not-found/>}.
 */
public final class MessageRouting {
  private final StanzaDelivery delivery;
  private final MessageCarbons carbons;
  private final MessageKeeping keeping;

  public MessageRouting(StanzaDelivery delivery, MessageCarbons carbons, MessageKeeping keeping) {
    this.delivery = delivery;
    this.carbons = carbons;
    this.keeping = keeping;
  }

  /**
   * Routes {@code message} (its {@code from} already stamped with the sender's full JID): kept by
   * the archive piece first when it is a chat (offline queue, archives), then delivered, with
   * carbon copies to the recipient's other resources that asked for them (XEP-0280).
   *
   * @param sender the full JID the message was stamped with
   * @param contacts whether the addressee is in the sender's roster: only contacts' messages are
   *     kept offline, so that strangers cannot fill anyone's queue
   * @return the error reply for the sender, when the message could not be delivered and deserves
   *     one
   */
  public Future<Optional<Element>> route(Element message, EntityFullJid sender, Recipient to, boolean contacts) {
    return switch (to.kind()) {
      case MALFORMED -> bounce(message, StanzaError.Type.MODIFY, "jid-malformed");
      case REMOTE -> bounce(message, StanzaError.Type.CANCEL, "remote-server-not-found");
      case SERVER -> bounce(message, StanzaError.Type.CANCEL, "service-unavailable");
      case OWN_ACCOUNT, LOCAL_BARE, LOCAL_FULL -> {
        Addressee addressee = new Addressee(message, sender, to.jid().asBareJid(), contacts);
        yield delivery.sessions(addressee.user()).compose(sessions -> to.kind() == Recipient.Kind.LOCAL_FULL
            ? toFull(addressee, to.fullJid().getResourceOrThrow().toString(), sessions)
            : toBare(addressee, sessions));
      }
    };
  }

  /** One message on its way to one local user. */
  private record Addressee(Element message, EntityFullJid sender, BareJid user, boolean contacts) {}

  /** §8.5.3: that resource, or if it is gone, by message type. */
  private Future<Optional<Element>> toFull(Addressee to, String resource, Map<String, SessionEntry> sessions) {
    SessionEntry entry = sessions.get(resource);
    if (entry != null) {
      return deliver(to, sessions, List.of(entry));
    }
    return switch (type(to.message())) {
      case "groupchat" -> bounce(to.message(), StanzaError.Type.CANCEL, "service-unavailable");
      case "headline", "error" -> none();
      default -> toBare(to, sessions);
    };
  }

  /** §8.5.2: the highest-priority available resources, every non-negative one for headlines. */
  private Future<Optional<Element>> toBare(Addressee to, Map<String, SessionEntry> sessions) {
    String type = type(to.message());
    if (type.equals("groupchat")) {
      return bounce(to.message(), StanzaError.Type.CANCEL, "service-unavailable");
    }
    if (type.equals("headline")) {
      sent(to, sessions, StanzaDelivery.available(sessions.values()).stream().filter(e -> e.priority() >= 0).toList(),
          to.message());
      return none();
    }
    return deliver(to, sessions, StanzaDelivery.highestPriority(sessions.values()));
  }

  /**
   * Delivers to {@code targets}, a chat kept first: then it carries its archive id, and with no
   * target it waits in the offline queue (XEP-0160 §3) instead of bouncing (RFC 6121 §8.5.2.2.1).
   */
  private Future<Optional<Element>> deliver(Addressee to, Map<String, SessionEntry> sessions, List<SessionEntry> targets) {
    Element message = to.message();
    boolean offline = targets.isEmpty();
    if (!MessageKeeping.keepable(message) || (offline && !to.contacts())) {
      return offline ? bounce(message, StanzaError.Type.CANCEL, "service-unavailable") : sent(to, sessions, targets, message);
    }
    return keeping.keep(message, to.sender(), to.user(), offline, to.contacts()).compose(kept -> switch (kept.outcome()) {
      case KEPT -> offline ? queued(to) : sent(to, sessions, targets, StanzaIds.with(message, kept.stanzaId(), to.user()));
      case FULL -> bounce(message, StanzaError.Type.WAIT, "resource-constraint");
      case FAILED -> offline ? bounce(message, StanzaError.Type.WAIT, "internal-server-error") : sent(to, sessions, targets, message);
      case NO_ARCHIVE -> offline ? bounce(message, StanzaError.Type.CANCEL, "service-unavailable") : sent(to, sessions, targets, message);
    });
  }

  /**
   * The chat is in the offline queue. If a resource of the recipient became available while it was
   * being stored, that resource's offline delivery may have read the queue first: it is told to
   * read it again, so the chat does not wait for the next login. (Its initial presence is recorded
   * in the directory before its delivery reads the queue, and the chat was committed before this
   * second read of the directory: one of the two reads sees the other's write.)
   */
  private Future<Optional<Element>> queued(Addressee to) {
    return delivery.sessions(to.user())
        .map(sessions -> {
          List<SessionEntry> now = StanzaDelivery.highestPriority(sessions.values());
          if (!now.isEmpty()) {
            delivery.tell(now.get(0), new SessionMessage.OfflineWaiting());
          }
          return Optional.<Element>empty();
        })
        .otherwise(Optional.empty());
  }

  private Future<Optional<Element>> sent(
      Addressee to, Map<String, SessionEntry> sessions, List<SessionEntry> targets, Element message) {
    targets.forEach(t -> delivery.send(t, message));
    carbons.received(to.user(), sessions, targets, message);
    return none();
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
