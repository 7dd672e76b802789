package dev.rosterd.c2s.session;

import dev.rosterd.c2s.presence.PresenceBroadcast;
import dev.rosterd.c2s.roster.RosterPush;
import dev.rosterd.c2s.roster.RosterQuery;
import dev.rosterd.c2s.roster.SessionRoster;
import dev.rosterd.c2s.routing.Recipient;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.roster.RosterItem;
import dev.rosterd.common.xml.Element;
import dev.rosterd.common.xml.StanzaError;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound resource. Everything here runs on the connection's context: the client's stanzas, the
 * messages other sessions and the roster cache send to this session's event-bus address, and the
 * end of the stream.
 *
 * <p>The client's stanzas are processed one after another (RFC 6120 §10.1, in-order processing),
 * even though routing each one waits for shared data: every step is chained after the previous.
 */
final class ClientSession implements BoundSession {
  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
  private static final long RELEASE_TIMEOUT_MS = 30_000;

  private final SessionContext server;
  private final EntityFullJid jid;
  private final String address;
  private final ClientLink link;
  private final SessionRoster roster;
  private final PresenceBroadcast presence;
  private final IqHandling iqs;
  private final PresenceHandling presences;
  private final SessionInbox inboxHandling = new SessionInbox(this);
  private Future<Void> queue = Future.succeededFuture();
  private Future<Void> closing;

  ClientSession(SessionContext server, EntityFullJid jid, String address, ClientLink link) {
    this.server = server;
    this.jid = jid;
    this.address = address;
    this.link = link;
    this.roster = new SessionRoster(server.vertx(), jid.getLocalpart().toString());
    this.presence = new PresenceBroadcast(server.vertx(), server.directory(), server.delivery(), jid, address);
    this.iqs = new IqHandling(this, server, new RosterQuery(roster));
    this.presences = new PresenceHandling(this, server, presence);
  }

  @Override
  public EntityFullJid jid() {
    return jid;
  }

  /** The event-bus address other sessions and the roster cache reach this session at. */
  String address() {
    return address;
  }

  /** Messages to this session's address reach it from now on (through its instance's inbox). */
  void listen() {
    server.local().add(address, inboxHandling, link.context());
  }

  Future<Void> unlisten() {
    server.local().remove(address);
    return Future.succeededFuture();
  }

  /**
   * The session is bound and recorded. The roster is loaded now, not at the client's first roster
   * get, so that presence sent before that still reaches the contacts.
   */
  void start() {
    roster.current().onFailure(e -> log.debug("roster of {} not loaded at bind: {}", jid, e.getMessage()));
  }

  @Override
  public void handle(Element stanza) {
    if (closing != null) {
      return;
    }
    // RFC 6120 §8.1.2.1: the server stamps the sender's full JID, whatever the client wrote.
    Element stamped = stanza.toBuilder().attribute("from", jid.toString()).build();
    Recipient to = Recipient.of(stamped.attribute("to"), jid, server.domain());
    switch (stamped.name()) {
      case "message" -> inOrder(stamped, () -> server.messages().route(stamped, to));
      case "iq" -> iqs.handle(stamped, to);
      case "presence" -> presences.handle(stamped, to);
      default -> log.debug("{} sent a {} element, not a stanza", jid, stamped.name());
    }
  }

  @Override
  public Future<Void> closed() {
    if (closing != null) {
      return closing;
    }
    closing = queue.transform(v -> OnConnection.of(link, leave()));
    queue = closing;
    return closing;
  }

  private Future<Void> leave() {
    Future<Void> announced = presence.available()
        ? contacts().compose(presence::leave).otherwise(e -> {
            log.debug("{} could not announce unavailability: {}", jid, e.getMessage());
            return null;
          })
        : Future.succeededFuture();
    String bare = jid.asBareJid().toString();
    return announced
        .compose(v -> server.directory().remove(bare, jid.getResourceOrThrow().toString(), address))
        .onSuccess(left -> {
          if (left == 0) {
            // A request, not a bare send, so that a release during a cache redeploy waits for it.
            BusRequest.send(server.vertx(), Addresses.ROSTER_RELEASE,
                    new RosterRelease(jid.getLocalpart().toString()).toJson(), RELEASE_TIMEOUT_MS)
                .onFailure(e -> log.debug("release of {}'s roster failed: {}", jid, e.getMessage()));
          }
        })
        .transform(ar -> {
          if (ar.failed()) {
            log.warn("{} could not leave the session directory: {}", jid, ar.cause().toString());
          }
          return unlisten();
        });
  }

  /**
   * Runs {@code step} after every earlier one, back on the connection's context, and sends the
   * client the reply it produced. A step that fails (shared data unreachable) answers a request
   * with {@code internal-server-error} rather than silence.
   */
  void inOrder(Element stanza, Supplier<Future<Optional<Element>>> step) {
    queue = queue.transform(v -> OnConnection.of(link, attempt(step))
        .map(reply -> {
          reply.ifPresent(this::send);
          return (Void) null;
        })
        .otherwise(e -> {
          log.warn("{} could not process a {}: {}", jid, stanza.name(), e.toString());
          String type = String.valueOf(stanza.attribute("type"));
          if (!stanza.name().equals("presence") && !type.equals("error") && !type.equals("result")) {
            send(StanzaError.reply(stanza, StanzaError.Type.WAIT, "internal-server-error"));
          }
          return null;
        }));
  }

  /** As {@link #inOrder} for work that answers nobody (presence effects of probes and pushes). */
  private void inOrder(String what, Supplier<Future<Void>> step) {
    queue = queue.transform(v -> OnConnection.of(link, attempt(step)).otherwise(e -> {
      log.warn("{} could not {}: {}", jid, what, e.toString());
      return null;
    }));
  }

  private static <T> Future<T> attempt(Supplier<Future<T>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The local contacts of the roster (the only ones presence can reach without s2s). */
  Future<List<BareJid>> contacts() {
    return roster.contactJids()
        .map(jids -> localContacts(jids, server.domain()))
        .otherwise(e -> {
          log.info("{} has no roster to send presence to: {}", jid, e.getMessage());
          return List.of();
        });
  }

  /** The contacts of {@code snapshot} in {@code domain}, as bare JIDs. */
  static List<BareJid> localContacts(RosterSnapshot snapshot, DomainBareJid domain) {
    return localContacts(snapshot.items().stream().map(RosterItem::jid).toList(), domain);
  }

  /** The JIDs of {@code jids} in {@code domain}, as bare JIDs. */
  static List<BareJid> localContacts(List<String> jids, DomainBareJid domain) {
    return jids.stream()
        .map(Jids::parseBare)
        .flatMap(Optional::stream)
        .filter(contact -> contact.getDomain().equals(domain))
        .map(contact -> (BareJid) contact)
        .toList();
  }

  /** Writes a stanza to the client, unless the stream is ending. */
  void send(Element stanza) {
    if (closing == null) {
      link.send(stanza);
    }
  }

  /** Sends a reply that completes later to the client, on the connection's context. */
  void sendLater(Future<Optional<Element>> reply) {
    OnConnection.of(link, reply).onSuccess(r -> r.ifPresent(this::send));
  }

  // Reached through SessionInbox.

  void write(String xml) {
    if (closing == null) {
      link.sendXml(xml);
    }
  }

  /** Another session bound this full JID: leave, answer the newcomer, end the stream. */
  void replaced(Message<JsonObject> request) {
    boolean open = closing == null;
    closed().onComplete(ar -> {
      request.reply(new JsonObject());
      if (open) {
        link.closeWithStreamError("conflict", "Replaced by a new connection for the same resource");
      }
    });
  }

  void probed(String from) {
    Optional<EntityFullJid> prober = Jids.parse(from).filter(j -> j.isEntityFullJid()).map(j -> j.asEntityFullJidOrThrow());
    prober.ifPresent(p -> inOrder("answer a probe", () -> presence.answerProbe(p)));
  }

  /** The cached roster changed: push it if the client asked for the roster, then adjust presence. */
  void rosterPushed(JsonObject push) {
    String version = push.getString("version");
    List<RosterChange> changes = SessionMessage.changes(push);
    roster.apply(version, changes);
    if (roster.interested()) {
      RosterPush.iqs(jid, version, changes).forEach(this::send);
    }
    for (RosterChange change : changes) {
      Optional<BareJid> contact = Jids.parseBare(change.item().jid())
          .filter(c -> c.getDomain().equals(server.domain()))
          .map(c -> (BareJid) c);
      if (contact.isEmpty() || change.kind() == RosterChange.Kind.CHANGED) {
        continue;
      }
      inOrder("update presence for a roster change", () -> change.kind() == RosterChange.Kind.ADDED
          ? presence.contactAdded(contact.get())
          : presence.contactRemoved(contact.get()));
    }
  }
}
