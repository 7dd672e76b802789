package dev.rosterd.c2s.session;

import dev.rosterd.c2s.archive.MessageKeeping;
import dev.rosterd.c2s.archive.OfflineDelivery;
import dev.rosterd.c2s.presence.PresenceFanout;
import dev.rosterd.c2s.presence.SubscriptionGate;
import dev.rosterd.c2s.routing.IqRouting;
import dev.rosterd.c2s.routing.MessageCarbons;
import dev.rosterd.c2s.routing.MessageRouting;
import dev.rosterd.c2s.routing.Redelivery;
import dev.rosterd.c2s.sm.StreamManagementOptions;
import dev.rosterd.c2s.routing.StanzaDelivery;
import dev.rosterd.common.session.SessionDirectory;
import io.vertx.core.Vertx;
import org.jxmpp.jid.DomainBareJid;

/**
 * What every session of one {@link Sessions} shares: the Vert.x instance (for the event bus), the
 * served domain, the shared-data session directory, the sessions this c2s instance holds, the
 * stateless routing and presence pieces built on the directory, and the stream management
 * (XEP-0198) settings with what becomes of unacknowledged stanzas. None of them holds the state of a
 * session.
 */
record SessionServices(
    Vertx vertx,
    DomainBareJid domain,
    SessionDirectory directory,
    LocalSessions local,
    StanzaDelivery delivery,
    MessageRouting messageRouting,
    IqRouting iqRouting,
    MessageCarbons carbons,
    OfflineDelivery offlineDelivery,
    PresenceFanout presenceFanout,
    SubscriptionGate subscriptions,
    StreamManagementOptions streamManagement,
    Redelivery unacknowledged) {

  static SessionServices of(Vertx vertx, DomainBareJid domain, StreamManagementOptions streamManagement) {
    SessionDirectory directory = new SessionDirectory(vertx);
    StanzaDelivery delivery = new StanzaDelivery(vertx, directory);
    MessageCarbons carbons = new MessageCarbons(delivery);
    MessageKeeping keeping = new MessageKeeping(vertx);
    return new SessionServices(
        vertx,
        domain,
        directory,
        new LocalSessions(vertx),
        delivery,
        new MessageRouting(delivery, carbons, keeping),
        new IqRouting(delivery),
        carbons,
        new OfflineDelivery(vertx, domain.toString()),
        new PresenceFanout(vertx, delivery),
        new SubscriptionGate(vertx),
        streamManagement,
        new Redelivery(delivery, keeping));
  }
}
