package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.common.xml.Element;
import dev.rosterd.common.xml.StanzaError;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound resource. Everything here runs on the connection's context: the client's stanzas, the
 * messages other sessions send to this session's event-bus address, and the end of the stream.
 */
final class ClientSession implements BoundSession {
  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

  private final SessionContext server;
  private final EntityFullJid jid;
  private final String address;
  private final ClientLink link;
  private MessageConsumer<JsonObject> inbox;
  private boolean gone;

  ClientSession(SessionContext server, EntityFullJid jid, String address, ClientLink link) {
    this.server = server;
    this.jid = jid;
    this.address = address;
    this.link = link;
  }

  @Override
  public EntityFullJid jid() {
    return jid;
  }

  /** The event-bus address other sessions and the roster cache reach this session at. */
  String address() {
    return address;
  }

  /** Starts consuming this session's address; completes once the registration is in place. */
  Future<Void> listen() {
    inbox = server.vertx().eventBus().consumer(address, this::receive);
    return inbox.completion();
  }

  Future<Void> unlisten() {
    return inbox == null ? Future.succeededFuture() : inbox.unregister();
  }

  /** The session is bound and recorded: begin the work that does not wait for the client. */
  void start() {}

  @Override
  public void handle(Element stanza) {
    if (gone) {
      return;
    }
    Element stamped = stanza.toBuilder().attribute("from", jid.toString()).build();
    String type = stamped.attribute("type");
    if (stamped.name().equals("iq") && ("get".equals(type) || "set".equals(type))) {
      link.send(StanzaError.reply(stamped, StanzaError.Type.CANCEL, "service-unavailable"));
    }
  }

  @Override
  public Future<Void> closed() {
    if (gone) {
      return Future.succeededFuture();
    }
    gone = true;
    String bare = jid.asBareJid().toString();
    return OnConnection.of(link, server.directory().remove(bare, jid.getResourceOrThrow().toString(), address))
        .onSuccess(left -> {
          if (left == 0) {
            server.vertx().eventBus().send(Addresses.ROSTER_RELEASE, new RosterRelease(jid.getLocalpart().toString()).toJson());
          }
        })
        .transform(ar -> {
          if (ar.failed()) {
            log.warn("{} could not leave the session directory: {}", jid, ar.cause().toString());
          }
          return unlisten();
        });
  }

  private void receive(Message<JsonObject> message) {
    new SessionInbox(this).receive(message);
  }

  // Reached through SessionInbox.

  void write(String xml) {
    if (!gone) {
      link.sendXml(xml);
    }
  }

  /** Another session bound this full JID: leave, answer the newcomer, end the stream. */
  void replaced(Message<JsonObject> request) {
    closed().onComplete(ar -> {
      request.reply(new JsonObject());
      link.closeWithStreamError("conflict", "Replaced by a new connection for the same resource");
    });
  }
}
