package dev.rosterd.c2s.roster;

import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.roster.RosterItem;
import java.util.List;
import java.util.Optional;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;

/** The contacts of a roster that are users of the served domain: the only ones presence can reach without s2s. */
public final class LocalContacts {
  private LocalContacts() {}

  /** The contacts of {@code snapshot} in {@code domain}, as bare JIDs. */
  public static List<BareJid> of(RosterSnapshot snapshot, DomainBareJid domain) {
    return of(snapshot.items().stream().map(RosterItem::jid).toList(), domain);
  }

  /** The JIDs of {@code jids} in {@code domain}, as bare JIDs; invalid ones are left out. */
  public static List<BareJid> of(List<String> jids, DomainBareJid domain) {
    return jids.stream()
        .map(Jids::parseBare)
        .flatMap(Optional::stream)
        .filter(contact -> contact.getDomain().equals(domain))
        .map(contact -> (BareJid) contact)
        .toList();
  }
}
