package dev.rosterd.c2s.presence;

import dev.rosterd.c2s.routing.StanzaDelivery;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

/**
 * Sends one resource's presence where RFC 6121 §4 says it goes, with every roster subscription
 * fixed at {@code both}: to the available resources of the user and of every roster contact. It
 * holds no state of any session, so the live session ({@link PresenceBroadcast}) and the clearing
 * of a departed node's sessions share it.
 */
public final class PresenceFanout {
  private final Vertx vertx;
  private final StanzaDelivery delivery;

  public PresenceFanout(Vertx vertx, StanzaDelivery delivery) {
    this.vertx = vertx;
    this.delivery = delivery;
  }

  /** {@code <presence type='unavailable'/>} from {@code jid}. */
  public static Element unavailable(EntityFullJid jid) {
    return Element.builder("presence", Namespaces.CLIENT)
        .attribute("from", jid.toString())
        .attribute("type", "unavailable")
        .build();
  }

  /**
   * To the user's own available resources (the sender included, RFC 6121 §4.2.2) and the
   * contacts'; with {@code probe}, each of them is asked to send its presence back.
   *
   * @param address the sender's session address, never probed
   */
  public Future<Void> toEveryone(
      EntityFullJid from, String address, Element presence, Collection<BareJid> contacts, boolean probe) {
    List<Future<Integer>> sent = new ArrayList<>();
    sent.add(toUser(from, address, presence, from.asBareJid(), probe));
    for (BareJid contact : contacts) {
      if (!contact.equals(from.asBareJid())) {
        sent.add(toUser(from, address, presence, contact, probe));
      }
    }
    return Future.join(sent).mapEmpty();
  }

  /** To each of {@code targets} (full or bare JIDs that had directed presence), addressed to it. */
  public Future<Void> toDirected(Element presence, List<Jid> targets) {
    List<Future<?>> sent = new ArrayList<>();
    for (Jid to : targets) {
      Element addressed = presence.toBuilder().attribute("to", to.toString()).build();
      sent.add(to.hasResource()
          ? delivery.toResource(to.asEntityFullJidOrThrow(), addressed).mapEmpty()
          : toUser(null, null, addressed, to.asBareJid(), false));
    }
    return Future.join(sent).mapEmpty();
  }

  /**
   * Sends {@code presence} to each available resource of {@code user} (addressed to that
   * resource), and with {@code probe} asks each but the sender's own session to send its presence
   * back to {@code from}.
   *
   * @return how many resources it was sent to
   */
  public Future<Integer> toUser(EntityFullJid from, String address, Element presence, BareJid user, boolean probe) {
    return delivery.sessions(user).map(sessions -> {
      int sent = 0;
      for (Map.Entry<String, SessionEntry> s : sessions.entrySet()) {
        if (!s.getValue().available()) {
          continue;
        }
        sent++;
        delivery.send(s.getValue(), presence.toBuilder().attribute("to", user + "/" + s.getKey()).build());
        if (probe && !s.getValue().address().equals(address)) {
          SessionAddressing.send(vertx, s.getValue().address(), new SessionMessage.Probe(from.toString()).toJson());
        }
      }
      return sent;
    });
  }

  /** The client at {@code address} hears that every available resource of {@code contact} went away. */
  public Future<Void> contactGone(BareJid contact, EntityFullJid to, String address) {
    return delivery.sessions(contact).map(sessions -> {
      for (String resource : StanzaDelivery.availableResources(sessions)) {
        Element gone = Element.builder("presence", Namespaces.CLIENT)
            .attribute("from", contact + "/" + resource)
            .attribute("to", to.toString())
            .attribute("type", "unavailable")
            .build();
        delivery.send(address, gone);
      }
      return null;
    });
  }
}
