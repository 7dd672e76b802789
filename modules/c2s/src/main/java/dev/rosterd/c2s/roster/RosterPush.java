package dev.rosterd.c2s.roster;

import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.util.List;
import java.util.UUID;
import org.jxmpp.jid.EntityFullJid;

/**
 * Roster pushes to an interested resource (RFC 6121 §2.1.6): one {@code iq set} per changed
 * contact, a fresh id each, the new version (XEP-0237), and no {@code from}, because clients
 * (Converse.js, Movim, Smack) drop pushes from anyone but the server or the user's bare JID.
 */
public final class RosterPush {
  private RosterPush() {}

  public static List<Element> iqs(EntityFullJid to, String version, List<RosterChange> changes) {
    return changes.stream().map(c -> iq(to, version, c)).toList();
  }

  static Element iq(EntityFullJid to, String version, RosterChange change) {
    Element item = change.kind() == RosterChange.Kind.REMOVED
        ? RosterXml.removal(change.item())
        : RosterXml.item(change.item());
    return Element.builder("iq", Namespaces.CLIENT)
        .attribute("to", to.toString())
        .attribute("id", "push-" + UUID.randomUUID())
        .attribute("type", "set")
        .child(RosterXml.query(version, List.of(item)))
        .build();
  }
}
