package dev.rosterd.c2s.routing;

import dev.rosterd.c2s.archive.MessageKeeping;
import dev.rosterd.c2s.stream.StanzaText;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import java.util.List;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of the stanzas a session was sent and its client never acknowledged (XEP-0198 §5)
 * when the session ends, after it left routing, so that nothing the server accepted is lost with
 * the session. Treated as sent to a resource that is no longer there (RFC 6121 §8.5.3.2.1):
 *
 * <ul>
 *   <li>a chat or normal message with a body goes to the user's remaining highest-priority
 *       available resources, or else to the offline queue (it is already in the archives; the
 *       stanza id it carries lets a client that reads both see it once); when neither can take it,
 *       it bounces to its sender;
 *   <li>an iq request bounces with {@code <service-unavailable/>};
 *   <li>presence, errors, results, headlines and chat states are dropped, as for a resource that is
 *       gone.
 * </ul>
 */
public final class Redelivery {
  private static final Logger log = LoggerFactory.getLogger(Redelivery.class);

  private final StanzaDelivery delivery;
  private final MessageKeeping keeping;

  public Redelivery(StanzaDelivery delivery, MessageKeeping keeping) {
    this.delivery = delivery;
    this.keeping = keeping;
  }

  /** Redelivers what {@code ended} left unacknowledged, in the order it was first sent. */
  public Future<Void> redeliver(EntityFullJid ended, List<String> unacknowledged) {
    if (!unacknowledged.isEmpty()) {
      log.debug("{} ended with {} stanzas unacknowledged", ended, unacknowledged.size());
    }
    Future<Void> chain = Future.succeededFuture();
    for (String xml : unacknowledged) {
      chain = chain.compose(v -> one(ended, xml)).otherwise(e -> {
        log.warn("an unacknowledged stanza of {} could not be redelivered: {}", ended, e.toString());
        return null;
      });
    }
    return chain;
  }

  private Future<Void> one(EntityFullJid ended, String xml) {
    Element stanza = StanzaText.parse(xml);
    String type = stanza.optAttribute("type").orElse("");
    if (stanza.name().equals("iq") && (type.equals("get") || type.equals("set"))) {
      return bounce(stanza, StanzaError.Type.CANCEL, "service-unavailable");
    }
    if (stanza.name().equals("message") && MessageKeeping.keepable(stanza)) {
      return message(ended, stanza);
    }
    return Future.succeededFuture();
  }

  private Future<Void> message(EntityFullJid ended, Element message) {
    return delivery.sessions(ended.asBareJid()).compose(sessions -> {
      List<SessionEntry> targets = StanzaDelivery.highestPriority(sessions.values());
      if (!targets.isEmpty()) {
        targets.forEach(t -> delivery.send(t, message));
        return Future.succeededFuture();
      }
      return keeping.queueOffline(message, ended.asBareJid()).compose(kept -> kept
          ? Future.succeededFuture()
          : bounce(message, StanzaError.Type.WAIT, "recipient-unavailable"));
    });
  }

  /** The error goes back to the sender when it is a local resource; anyone else cannot be reached. */
  private Future<Void> bounce(Element stanza, StanzaError.Type type, String condition) {
    return Jids.parse(stanza.attribute("from"))
        .filter(j -> j.isEntityFullJid())
        .map(j -> delivery.toResource(j.asEntityFullJidOrThrow(), StanzaError.reply(stanza, type, condition)).<Void>mapEmpty())
        .orElse(Future.succeededFuture());
  }
}
