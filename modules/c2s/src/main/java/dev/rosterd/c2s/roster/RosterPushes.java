package dev.rosterd.c2s.roster;

import dev.rosterd.c2s.presence.PresenceBroadcast;
import dev.rosterd.c2s.session.port.SessionPort;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.roster.RosterChange;
import java.util.Optional;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;

/**
 * What a session does when the roster cache tells it the roster changed ({@link
 * SessionMessage.RosterChanged}): keeps its roster view current, pushes each change to the client
 * if it asked for the roster (RFC 6121 §2.1.6), and, since every contact has subscription {@code
 * both}, lets an added contact and this resource see each other and a removed one stop seeing.
 */
public final class RosterPushes {
  private final SessionPort session;
  private final SessionRoster roster;
  private final PresenceBroadcast presence;
  private final DomainBareJid domain;

  public RosterPushes(SessionPort session, SessionRoster roster, PresenceBroadcast presence, DomainBareJid domain) {
    this.session = session;
    this.roster = roster;
    this.presence = presence;
    this.domain = domain;
  }

  /** Applies one push; presence effects are queued behind the session's earlier steps. */
  public void apply(SessionMessage.RosterChanged push) {
    roster.apply(push.version(), push.changes());
    if (roster.interested()) {
      RosterPush.iqs(session.jid(), push.version(), push.changes()).forEach(session::send);
    }
    for (RosterChange change : push.changes()) {
      Optional<BareJid> contact = Jids.parseBare(change.item().jid())
          .filter(c -> c.getDomain().equals(domain))
          .map(c -> (BareJid) c);
      if (contact.isEmpty() || change.kind() == RosterChange.Kind.CHANGED) {
        continue;
      }
      session.inOrderSilently("update presence for a roster change", () -> change.kind() == RosterChange.Kind.ADDED
          ? presence.contactAdded(contact.get())
          : presence.contactRemoved(contact.get()));
    }
  }
}
