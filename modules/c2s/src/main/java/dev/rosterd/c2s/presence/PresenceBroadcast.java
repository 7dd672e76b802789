package dev.rosterd.c2s.presence;

import dev.rosterd.c2s.routing.Recipient;
import dev.rosterd.c2s.routing.StanzaDelivery;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

/**
 * The presence of one resource (RFC 6121 §4): what it last broadcast and whom it sent directed
 * presence to. Where its presence goes is {@link PresenceFanout}'s; its initial presence probes
 * the contacts so that their current presence comes back. Methods that take
 * the contacts get the local contacts' bare JIDs from the session's roster.
 *
 * <p>Not thread-safe: the session calls it one step at a time (its step queue starts a step only
 * once the one before it has completed), so its state is never touched by two threads at once,
 * although a step's later stages may run on the thread of the shared-data map.
 */
public final class PresenceBroadcast {
  private final SessionDirectory directory;
  private final StanzaDelivery delivery;
  private final PresenceFanout fanout;
  private final EntityFullJid jid;
  private final String address;
  /** The last available presence broadcast, without {@code to}; null while unavailable. */
  private Element current;
  /**
   * How many addressees of directed presence a resource remembers; past it the oldest is
   * forgotten (and will not hear of this resource's unavailability).
   */
  public static final int MAX_DIRECTED = 1000;

  /**
   * Whom available directed presence went to (RFC 6121 §4.6.3: they hear of unavailability), in
   * the order it went; only addressees it reached, and at most {@link #MAX_DIRECTED}.
   */
  private final Set<Jid> directed = new LinkedHashSet<>();

  public PresenceBroadcast(
      SessionDirectory directory, StanzaDelivery delivery, PresenceFanout fanout, EntityFullJid jid, String address) {
    this.directory = directory;
    this.delivery = delivery;
    this.fanout = fanout;
    this.jid = jid;
    this.address = address;
  }

  public boolean available() {
    return current != null;
  }

  /**
   * Broadcast presence (no {@code to}, or the user's bare JID): available or unavailable. Records
   * the resource's availability and priority in the directory first, so that routing to the bare
   * JID sees it.
   */
  public Future<Void> broadcast(Element presence, Collection<BareJid> contacts) {
    Element plain = presence.toBuilder().attribute("to", null).build();
    boolean goingOnline = !available() && !"unavailable".equals(plain.attribute("type"));
    if ("unavailable".equals(plain.attribute("type"))) {
      current = null;
      List<Jid> heardDirectly = takeDirected();
      return record(0, false)
          .compose(v -> toEveryone(plain, contacts, false))
          .compose(v -> toDirected(plain, heardDirectly));
    }
    current = plain;
    return record(priority(plain), true).compose(v -> toEveryone(plain, contacts, goingOnline));
  }

  /**
   * Presence with a {@code to} other than the user's bare JID, delivered as addressed. An addressee
   * it reached nobody at is not remembered: there is nobody to tell of unavailability later, and
   * a client sending presence to JIDs that do not exist must not grow the session's memory.
   */
  public Future<Void> direct(Element presence, Recipient to) {
    String type = presence.attribute("type");
    if (type == null) {
      remember(to.jid());
    } else if (type.equals("unavailable")) {
      directed.remove(to.jid());
    }
    Future<Integer> reached = switch (to.kind()) {
      case LOCAL_FULL -> delivery.toResource(to.fullJid(), presence).map(sent -> sent ? 1 : 0);
      case LOCAL_BARE -> fanout.toUser(jid, address, presence, to.jid().asBareJid(), false);
      default -> Future.succeededFuture(0);
    };
    return reached.map(n -> {
      if (n == 0) {
        directed.remove(to.jid());
      }
      return null;
    });
  }

  /** How many addressees of directed presence are remembered. */
  public int directedCount() {
    return directed.size();
  }

  private void remember(Jid to) {
    directed.remove(to);
    directed.add(to);
    if (directed.size() > MAX_DIRECTED) {
      Iterator<Jid> oldest = directed.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Another session probed this one: tell it our current presence, if we are available. */
  public Future<Void> answerProbe(EntityFullJid prober) {
    if (!available()) {
      return Future.succeededFuture();
    }
    return delivery.toResource(prober, current.toBuilder().attribute("to", prober.toString()).build()).mapEmpty();
  }

  /** A contact was added to the roster: both sides now see each other. */
  public Future<Void> contactAdded(BareJid contact) {
    return available() ? toUser(current, contact, true) : Future.succeededFuture();
  }

  /**
   * A contact was removed: it hears that this resource went away, and this resource's client
   * hears that every online resource of the contact went away.
   */
  public Future<Void> contactRemoved(BareJid contact) {
    Future<Void> told = available() ? toUser(unavailable(), contact, false) : Future.succeededFuture();
    return told.compose(v -> fanout.contactGone(contact, jid, address));
  }

  /** The connection is gone: announce unavailability if the resource was available. */
  public Future<Void> leave(Collection<BareJid> contacts) {
    if (!available()) {
      return Future.succeededFuture();
    }
    current = null;
    Element gone = unavailable();
    List<Jid> heardDirectly = takeDirected();
    return toEveryone(gone, contacts, false).compose(v -> toDirected(gone, heardDirectly));
  }

  private Element unavailable() {
    return PresenceFanout.unavailable(jid);
  }

  private Future<Void> record(int priority, boolean available) {
    return directory.update(
        jid.asBareJid().toString(),
        jid.getResourceOrThrow().toString(),
        address,
        entry -> entry.withPresence(priority, available));
  }

  private Future<Void> toEveryone(Element presence, Collection<BareJid> contacts, boolean probe) {
    return fanout.toEveryone(jid, address, presence, contacts, probe);
  }

  /** Empties the directed-presence list; called on the session's context, before any async step. */
  private List<Jid> takeDirected() {
    List<Jid> taken = List.copyOf(directed);
    directed.clear();
    return taken;
  }

  private Future<Void> toDirected(Element presence, List<Jid> targets) {
    return fanout.toDirected(presence, targets);
  }

  private Future<Void> toUser(Element presence, BareJid user, boolean probe) {
    return fanout.toUser(jid, address, presence, user, probe).mapEmpty();
  }

  /** RFC 6121 §4.7.2.3: an integer from -128 to +127, zero when absent or invalid. */
  static int priority(Element presence) {
    try {
      int p = Integer.parseInt(presence.child("priority", Namespaces.CLIENT).map(Element::text).orElse("0").trim());
      return Math.max(-128, Math.min(127, p));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
