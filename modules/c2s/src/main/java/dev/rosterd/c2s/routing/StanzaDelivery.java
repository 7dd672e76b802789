package dev.rosterd.c2s.routing;

import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.stanza.Element;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;

/**
 * Hands stanzas to the sessions that hold local JIDs: looks them up in the shared-data {@link
 * SessionDirectory} and sends each a {@link SessionMessage#stanza} at its address ({@link
 * SessionAddressing}), so the same code works when the addressee is connected to another node of a
 * clustered event bus: one directory read, then one event-bus hop to the node holding the session.
 */
public final class StanzaDelivery {
  private final Vertx vertx;
  private final SessionDirectory directory;

  public StanzaDelivery(Vertx vertx, SessionDirectory directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  /** The bound resources of a user, by resource. */
  public Future<Map<String, SessionEntry>> sessions(BareJid user) {
    return directory.sessions(user.toString());
  }

  /** The session bound to exactly {@code jid}, if any. */
  public Future<SessionEntry> session(EntityFullJid jid) {
    return sessions(jid.asBareJid()).map(all -> all.get(jid.getResourceOrThrow().toString()));
  }

  /** Writes {@code stanza} as it is (already addressed) to one session. */
  public void send(SessionEntry to, Element stanza) {
    send(to.address(), stanza);
  }

  /** Sends {@code message} to one session. */
  public void tell(SessionEntry to, SessionMessage message) {
    SessionAddressing.send(vertx, to.address(), message.toJson());
  }

  /** Writes {@code stanza} as it is to the session at {@code address}. */
  public void send(String address, Element stanza) {
    SessionAddressing.send(vertx, address, new SessionMessage.Stanza(stanza.toXml()).toJson());
  }

  /** Delivers {@code stanza} to the session bound to {@code to}; false when there is none. */
  public Future<Boolean> toResource(EntityFullJid to, Element stanza) {
    return session(to).map(entry -> {
      if (entry == null) {
        return false;
      }
      send(entry, stanza);
      return true;
    });
  }

  /** The sessions that have sent available presence (RFC 6121 §1.4 "available resource"). */
  public static List<SessionEntry> available(Collection<SessionEntry> sessions) {
    return sessions.stream().filter(SessionEntry::available).toList();
  }

  /** The resources of {@code sessions} that are available. */
  public static List<String> availableResources(Map<String, SessionEntry> sessions) {
    return sessions.entrySet().stream().filter(e -> e.getValue().available()).map(Map.Entry::getKey).toList();
  }

  /**
   * The available sessions a message to the bare JID goes to (RFC 6121 §8.5.2.1.1): those with the
   * highest non-negative priority, all of them when several share it.
   */
  public static List<SessionEntry> highestPriority(Collection<SessionEntry> sessions) {
    List<SessionEntry> eligible =
        available(sessions).stream().filter(e -> e.priority() >= 0).toList();
    int top = eligible.stream().mapToInt(SessionEntry::priority).max().orElse(0);
    return eligible.stream().filter(e -> e.priority() == top).toList();
  }
}
