package dev.rosterd.c2s.routing;

import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;

/**
 * Message carbons (XEP-0280, {@code urn:xmpp:carbons:2}): a user's resources that enabled carbons
 * get a copy of the chats the user's other resources send and receive, so that a second tab or a
 * phone shows the whole conversation. Which resources enabled them is in the session directory
 * ({@link SessionEntry#carbons()}), so copies reach resources on any node.
 *
 * <p>Stateless: one per c2s instance, shared by its sessions.
 */
public final class MessageCarbons {
  /** XEP-0280 §6: payloads of instant messaging that make a message eligible without a body. */
  private static final Set<String> IM_PAYLOADS = Set.of(
      Namespaces.CHAT_STATES, Namespaces.RECEIPTS, Namespaces.CHAT_MARKERS);

  private final StanzaDelivery delivery;

  public MessageCarbons(StanzaDelivery delivery) {
    this.delivery = delivery;
  }

  /**
   * XEP-0280 §6: a chat, a normal message with a body, or an instant-messaging payload (chat
   * states, receipts, markers); never one marked {@code <private/>} or {@code <no-copy/>}, nor a
   * carbon itself.
   */
  public static boolean eligible(Element message) {
    String type = message.optAttribute("type").orElse("normal");
    if (message.child("private", Namespaces.CARBONS).isPresent()
        || message.child("no-copy", Namespaces.HINTS).isPresent()
        || message.child("sent", Namespaces.CARBONS).isPresent()
        || message.child("received", Namespaces.CARBONS).isPresent()) {
      return false;
    }
    if (type.equals("chat")) {
      return true;
    }
    if (!type.equals("normal")) {
      return false;
    }
    return message.child("body", Namespaces.CLIENT).isPresent()
        || message.children().stream().anyMatch(c -> IM_PAYLOADS.contains(c.namespace()));
  }

  /**
   * The user's other resources with carbons get {@code <sent/>} copies of what {@code sender} sent
   * (never the sender itself).
   */
  public Future<Void> sent(EntityFullJid sender, Element message) {
    if (!eligible(message)) {
      return Future.succeededFuture();
    }
    String resource = sender.getResourceOrThrow().toString();
    return delivery.sessions(sender.asBareJid()).map(sessions -> {
      copies(sender.asBareJid(), sessions, (r, e) -> r.equals(resource), "sent", message);
      return null;
    });
  }

  /**
   * The recipient's resources with carbons that did not get {@code message} itself get {@code
   * <received/>} copies.
   *
   * @param sessions the recipient's sessions, as routing read them
   * @param delivered the sessions the message itself went to
   */
  public void received(BareJid recipient, Map<String, SessionEntry> sessions, Collection<SessionEntry> delivered,
      Element message) {
    if (eligible(message)) {
      copies(recipient, sessions, (r, e) -> delivered.contains(e), "received", message);
    }
  }

  private void copies(BareJid user, Map<String, SessionEntry> sessions, BiPredicate<String, SessionEntry> skip,
      String direction, Element message) {
    for (Map.Entry<String, SessionEntry> s : sessions.entrySet()) {
      if (s.getValue().carbons() && !skip.test(s.getKey(), s.getValue())) {
        delivery.send(s.getValue(), copy(user, s.getKey(), direction, message));
      }
    }
  }

  /** XEP-0280 §7 and §8: from the user's bare JID, the original forwarded inside (XEP-0297). */
  static Element copy(BareJid user, String resource, String direction, Element message) {
    Element forwarded = Element.builder("forwarded", Namespaces.FORWARD).child(message).build();
    return Element.builder("message", Namespaces.CLIENT)
        .attribute("from", user.toString())
        .attribute("to", user + "/" + resource)
        .attribute("type", message.optAttribute("type").orElse("normal"))
        .child(Element.builder(direction, Namespaces.CARBONS).child(forwarded).build())
        .build();
  }
}
