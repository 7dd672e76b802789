package dev.rosterd.c2s.archive;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.OfflineMessages;
import dev.rosterd.common.bus.OfflineRemove;
import dev.rosterd.common.bus.OfflineTake;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.XmlEscape;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.jxmpp.jid.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline delivery (XEP-0160): when a resource sends initial presence, the messages that waited for
 * its user are written to it, oldest first, each with a XEP-0203 {@code <delay/>} stamp of when the
 * server accepted it and its XEP-0359 id, and only then removed from the queue; a crash between
 * the two delivers a message twice (the id tells the client) but never loses one.
 */
public final class OfflineDelivery {
  private static final Logger log = LoggerFactory.getLogger(OfflineDelivery.class);

  /** Messages taken from the queue at a time. */
  static final int BATCH = 100;

  private final ArchiveRequests archive;
  private final String domain;

  public OfflineDelivery(Vertx vertx, String domain) {
    this.archive = new ArchiveRequests(vertx);
    this.domain = domain;
  }

  /** Writes {@code user}'s waiting messages with {@code write}, then removes them; again while more wait. */
  public Future<Void> deliver(BareJid user, Consumer<String> write) {
    return archive.request(Addresses.ARCHIVE_OFFLINE_TAKE, new OfflineTake(user.toString(), BATCH).toJson())
        .compose(reply -> {
          OfflineMessages waiting = OfflineMessages.fromJson(reply);
          if (waiting.messages().isEmpty()) {
            return Future.succeededFuture();
          }
          waiting.messages().forEach(m -> write.accept(stamped(m, user)));
          return archive.request(Addresses.ARCHIVE_OFFLINE_REMOVE, new OfflineRemove(user.toString(),
                  waiting.messages().stream().map(OfflineMessages.Item::stanzaId).toList()).toJson())
              .compose(removed -> waiting.more() ? deliver(user, write) : Future.succeededFuture());
        })
        .recover(e -> {
          if (!(e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS)) {
            log.warn("offline messages of {} not delivered now (they stay queued): {}", user, e.getMessage());
          }
          return Future.succeededFuture();
        });
  }

  /** The stored message with its delay stamp and archive id, inserted before its end tag. */
  String stamped(OfflineMessages.Item item, BareJid user) {
    String xml = item.stanzaXml();
    int end = xml.lastIndexOf("</message>");
    StringBuilder extra = new StringBuilder(200)
        .append("<delay xmlns='").append(Namespaces.DELAY).append("' from='").append(XmlEscape.attribute(domain))
        .append("' stamp='").append(stamp(item.timestamp())).append("'/>")
        .append("<stanza-id xmlns='").append(StanzaIds.NAMESPACE).append("' id='")
        .append(XmlEscape.attribute(item.stanzaId())).append("' by='").append(XmlEscape.attribute(user.toString()))
        .append("'/>");
    return end < 0 ? xml : xml.substring(0, end) + extra + xml.substring(end);
  }

  /** XEP-0082 date-time in UTC, to the millisecond. */
  static String stamp(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
