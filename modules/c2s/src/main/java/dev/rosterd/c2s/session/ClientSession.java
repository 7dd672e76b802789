package dev.rosterd.c2s.session;

import dev.rosterd.c2s.archive.AccountDisco;
import dev.rosterd.c2s.archive.MamPrefs;
import dev.rosterd.c2s.archive.MamQuery;
import dev.rosterd.c2s.carbons.CarbonsIq;
import dev.rosterd.c2s.csi.ClientStateFilter;
import dev.rosterd.c2s.iq.AccountIq;
import dev.rosterd.c2s.iq.ClientIq;
import dev.rosterd.c2s.presence.ClientPresence;
import dev.rosterd.c2s.presence.PresenceBroadcast;
import dev.rosterd.c2s.roster.LocalContacts;
import dev.rosterd.c2s.roster.RosterPushes;
import dev.rosterd.c2s.roster.RosterQuery;
import dev.rosterd.c2s.roster.SessionRoster;
import dev.rosterd.c2s.routing.Recipient;
import dev.rosterd.c2s.session.port.SessionPort;
import dev.rosterd.c2s.sm.SmNonzas;
import dev.rosterd.c2s.stream.StanzaText;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound resource. Everything here runs on the connection's context: the client's stanzas, the
 * {@link SessionMessage}s that reach this session's address (through {@link SessionInbox}), and the
 * end of the stream. The protocol handlers it builds see it only as a {@link SessionPort}.
 *
 * <p>The client's stanzas are processed one after another (RFC 6120 §10.1, in-order processing),
 * even though routing each one waits for shared data: every step is chained after the previous
 * ({@link StepQueue}).
 */
final class ClientSession implements SessionPort {
  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

  private final SessionServices services;
  private final SessionLifecycle lifecycle;
  private final EntityFullJid jid;
  private final String address;
  private final ManagedStream link;
  private final StepQueue steps;
  private final SessionRoster roster;
  private final PresenceBroadcast presence;
  private final ClientIq iqs;
  private final ClientPresence presences;
  private final RosterPushes rosterPushes;
  private final ClientStateFilter clientState = new ClientStateFilter();
  private Future<Void> closing;
  /** While no stream carries the session: the timer that ends it unless it is resumed. */
  private long waiting = -1;

  ClientSession(SessionServices services, SessionLifecycle lifecycle, EntityFullJid jid, String address, ClientLink link) {
    this.services = services;
    this.lifecycle = lifecycle;
    this.jid = jid;
    this.address = address;
    this.link = new ManagedStream(services.vertx(), link, services.streamManagement(), this::notAcknowledging);
    this.steps = new StepQueue(jid, this.link);
    this.roster = new SessionRoster(services.vertx(), jid.getLocalpart().toString());
    this.presence = new PresenceBroadcast(
        services.directory(), services.delivery(), services.presenceFanout(), jid, address);
    this.iqs = new ClientIq(this, services.iqRouting(), new RosterQuery(roster)::answer, accountIq(services));
    this.presences = new ClientPresence(this, services.subscriptions(), presence,
        () -> services.offlineDelivery().deliver(jid.asBareJid(), this::sendXml));
    this.rosterPushes = new RosterPushes(this, roster, presence, services.domain());
  }

  /** The account's own protocols: carbons (XEP-0280), the archive and its preferences (XEP-0313). */
  private AccountIq accountIq(SessionServices services) {
    MamQuery mam = new MamQuery(services.vertx(), jid);
    MamPrefs prefs = new MamPrefs(services.vertx(), jid.asBareJid());
    return new AccountIq(Map.of(
        Namespaces.CARBONS, AccountIq.single(new CarbonsIq(services.directory(), jid, address)::answer),
        MamQuery.NAMESPACE, iq -> iq.children().get(0).name().equals("prefs")
            ? AccountIq.single(prefs::answer).apply(iq)
            : mam.answer(iq)),
        Map.of(Namespaces.DISCO_INFO, AccountIq.single(new AccountDisco(services.vertx(), jid.asBareJid())::answer)));
  }

  @Override
  public EntityFullJid jid() {
    return jid;
  }

  /** The event-bus address other sessions and the roster cache reach this session at. */
  String address() {
    return address;
  }

  /**
   * The session is bound and recorded. This is where a login's roster cache miss happens: the
   * roster is loaded now, not at the client's first roster get, so that presence sent before that
   * get still reaches the contacts.
   */
  void start() {
    roster.current().onFailure(e -> log.debug("roster of {} not loaded at bind: {}", jid, e.getMessage()));
  }

  /**
   * A first-level element the client sent on {@code from}, in order: ignored unless {@code from}
   * carries the session now (after a resumption the old stream may still deliver what it read).
   */
  void handle(ClientLink from, Element stanza) {
    if (closing != null || !link.carriedBy(from)) {
      return;
    }
    if (stanza.namespace().equals(Namespaces.SM)) {
      streamManagement(stanza);
      return;
    }
    if (stanza.namespace().equals(Namespaces.CSI)) {
      clientStateChanged(stanza);
      return;
    }
    link.received();
    // RFC 6120 §8.1.2.1: the server stamps the sender's full JID, whatever the client wrote.
    Element stamped = stanza.toBuilder().attribute("from", jid.toString()).build();
    Recipient to = Recipient.of(stamped.attribute("to"), jid, services.domain());
    switch (stamped.name()) {
      case "message" -> inOrder(stamped, () -> routeMessage(stamped, to));
      case "iq" -> iqs.handle(stamped, to);
      case "presence" -> presences.handle(stamped, to);
      default -> log.debug("{} sent a {} element, not a stanza", jid, stamped.name());
    }
  }

  /**
   * The message goes where it is addressed, and, once it went (not bounced), copies to the user's
   * other resources that enabled carbons (XEP-0280 §7); a message to the user's own account reaches
   * those resources itself.
   */
  private Future<Optional<Element>> routeMessage(Element message, Recipient to) {
    Future<Boolean> contact = to.jid() == null
        ? Future.succeededFuture(false)
        : roster.isContact(to.jid().asBareJid().toString());
    Future<Optional<Element>> routed = contact.compose(c -> services.messageRouting().route(message, jid, to, c));
    if (to.jid() != null && to.jid().asBareJid().equals(jid.asBareJid())) {
      return routed;
    }
    return routed.compose(reply -> reply.isPresent()
        ? Future.succeededFuture(reply)
        : services.carbons().sent(jid, message).map(reply));
  }

  /** The stream {@code from} ended (closing element or stream error): the session ends, unless another stream carries it. */
  Future<Void> streamEnded(ClientLink from) {
    return link.carriedBy(from) || closing != null ? closed() : Future.succeededFuture();
  }

  /**
   * The connection of {@code from} dropped without the stream ending: a resumable session (XEP-0198
   * §5) waits up to {@code resumeSeconds} for a stream to resume it, keeping its presence, its
   * directory entry and what is sent to it; any other ends.
   */
  Future<Void> connectionLost(ClientLink from) {
    if (closing != null || !link.carriedBy(from)) {
      return closing != null ? closing : Future.succeededFuture();
    }
    if (!link.resumable()) {
      return closed();
    }
    link.detach();
    log.debug("{} lost its connection; it may resume within {} s", jid, services.streamManagement().resumeSeconds());
    waiting = services.vertx().setTimer(services.streamManagement().resumeSeconds() * 1000L, id -> {
      waiting = -1;
      closed();
    });
    services.local().waiting(address, this::closed);
    return Future.succeededFuture();
  }

  /**
   * The session ends: it leaves routing (announcing unavailable presence), then what its client
   * never acknowledged (XEP-0198) goes to the user's other resources or the offline queue, or
   * bounces, so that nothing the server accepted is lost with the session.
   */
  Future<Void> closed() {
    if (closing == null) {
      stopWaiting();
      closing = steps.last(() -> lifecycle
          .leave(jid, address, () -> contacts().compose(presence::leave))
          .onFailure(e -> log.warn("{} could not leave the session directory: {}", jid, e.toString()))
          .transform(ar -> {
            services.local().remove(address);
            return services.unacknowledged().redeliver(jid, link.unacknowledged());
          }));
    }
    return closing;
  }

  private void stopWaiting() {
    if (waiting >= 0) {
      services.vertx().cancelTimer(waiting);
      waiting = -1;
    }
    services.local().carried(address);
  }

  // ---- XEP-0198 stream management ----

  private void streamManagement(Element nonza) {
    switch (nonza.name()) {
      case "enable" -> link.enable(isTrue(nonza.attribute("resume")), address);
      case "r" -> {
        // Answered once every stanza before it was processed, with the count at its arrival.
        long h = link.handled();
        steps.run("acknowledge", () -> {
          link.answer(h);
          return Future.succeededFuture();
        });
      }
      case "a" -> acknowledged(nonza);
      default -> link.writeNonza(SmNonzas.failed("unexpected-request"));
    }
  }

  private void acknowledged(Element a) {
    Optional<Long> h = SmNonzas.count(a);
    if (h.isEmpty() || !link.enabled()) {
      link.closeWithStreamError("undefined-condition", "an <a/> without stream management or without a valid h");
    } else if (!link.acknowledged(h.get())) {
      link.closeWithStreamError("undefined-condition", "handled-count-too-high: h=" + h.get() + " counts stanzas never sent");
    }
  }

  private static boolean isTrue(String xsdBoolean) {
    return "true".equals(xsdBoolean) || "1".equals(xsdBoolean);
  }

  /** More stanzas wait unacknowledged than the server keeps: the session ends, and they are redelivered. */
  private void notAcknowledging() {
    if (closing == null) {
      log.info("{} has not acknowledged {} stanzas: its session ends", jid, services.streamManagement().maxUnacked());
      link.closeWithStreamError("resource-constraint", "too many stanzas unacknowledged");
      closed();
    }
  }

  /**
   * A new stream resumes this session (XEP-0198 §5): once every pending step is done, the stream
   * that carried the session (if still there) ends with {@code <conflict/>}, the new one gets
   * {@code <resumed/>} and what was not acknowledged, and carries the session from then on.
   */
  private void resume(SessionMessage.Resume ask, Message<JsonObject> request) {
    if (closing != null || !jid.asBareJid().toString().equals(ask.user()) || !link.resumableAs(ask.previd())) {
      request.fail(BusFailure.NOT_FOUND, "no such session");
      return;
    }
    if (!link.acknowledged(ask.h())) {
      request.fail(BusFailure.BAD_REQUEST, "h=" + ask.h() + " counts stanzas never sent");
      return;
    }
    stopWaiting();
    ClientLink previous = link.detach();
    if (previous != null) {
      previous.closeWithStreamError("conflict", "the session was resumed on another connection");
    }
    BusLink next = new BusLink(services.vertx(), link.context(), ask.link());
    steps.run("resume", () -> {
      if (closing != null) {
        request.fail(BusFailure.NOT_FOUND, "the session ended");
      } else {
        link.resumeOn(next, ask.previd());
        request.reply(new JsonObject().put("jid", jid.toString()));
      }
      return Future.succeededFuture();
    });
  }

  // ---- SessionPort ----

  @Override
  public void send(Element stanza) {
    if (closing == null) {
      link.send(stanza);
    }
  }

  @Override
  public void sendXml(String xml) {
    if (closing == null) {
      link.sendXml(xml);
    }
  }

  @Override
  public void sendWhenReady(Future<Optional<Element>> reply) {
    OnConnection.of(link, reply).onSuccess(r -> r.ifPresent(this::send));
  }

  @Override
  public void inOrder(Element stanza, Supplier<Future<Optional<Element>>> step) {
    steps.reply(stanza, step, this::send);
  }

  @Override
  public void inOrderXml(Element stanza, Supplier<Future<List<String>>> step) {
    steps.replyAll(stanza, step, this::sendXml, this::send);
  }

  @Override
  public void inOrderSilently(String what, Supplier<Future<Void>> step) {
    steps.run(what, step);
  }

  @Override
  public Future<List<BareJid>> contacts() {
    return roster.contactJids()
        .map(jids -> LocalContacts.of(jids, services.domain()))
        .otherwise(e -> {
          log.info("{} has no roster to send presence to: {}", jid, e.getMessage());
          return List.of();
        });
  }

  // ---- messages at the session's address, from SessionInbox ----

  void received(SessionMessage message, Message<JsonObject> request) {
    if (message instanceof SessionMessage.Stanza s) {
      clientState.deliver(s.xml(), this::sendXml);
    } else if (message instanceof SessionMessage.RosterChanged pushed) {
      rosterPushes.apply(pushed);
      request.reply(new JsonObject());
    } else if (message instanceof SessionMessage.Probe p) {
      probed(p.from());
    } else if (message instanceof SessionMessage.Replaced) {
      replaced(request);
    } else if (message instanceof SessionMessage.OfflineWaiting) {
      if (presence.available()) {
        inOrderSilently("take the offline queue again",
            () -> services.offlineDelivery().deliver(jid.asBareJid(), this::sendXml));
      }
    } else if (message instanceof SessionMessage.Resume ask) {
      resume(ask, request);
    } else if (message instanceof SessionMessage.FromClient relayed) {
      handle(new BusLink(services.vertx(), link.context(), relayed.link()), StanzaText.parse(relayed.xml()));
    } else if (message instanceof SessionMessage.LinkLost lost) {
      BusLink from = new BusLink(services.vertx(), link.context(), lost.link());
      if (lost.streamEnded()) {
        streamEnded(from);
      } else {
        connectionLost(from);
      }
    }
  }

  /** XEP-0352: the client says whether a person is looking at it. */
  private void clientStateChanged(Element nonza) {
    if (nonza.name().equals("inactive")) {
      clientState.inactive();
    } else {
      clientState.active(this::sendXml);
    }
  }

  /** Another session bound this full JID: leave, answer the newcomer, end the stream. */
  private void replaced(Message<JsonObject> request) {
    boolean open = closing == null;
    closed().onComplete(ar -> {
      request.reply(new JsonObject());
      if (open) {
        link.closeWithStreamError("conflict", "Replaced by a new connection for the same resource");
      }
    });
  }

  private void probed(String from) {
    Jids.parse(from)
        .filter(j -> j.isEntityFullJid())
        .map(j -> j.asEntityFullJidOrThrow())
        .ifPresent(p -> inOrderSilently("answer a probe", () -> presence.answerProbe(p)));
  }
}
