package dev.rosterd.c2s.roster;

import dev.rosterd.common.roster.RosterItem;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.util.List;

/**
 * The one place roster items become XML (RFC 6121 §2.1.2): {@code <item jid subscription='both'
 * name?><group/>...</item>}. Every contact is a mutual subscription: the web application decides
 * who sees whom, so there is never an {@code ask} or a pending state.
 */
public final class RosterXml {
  private RosterXml() {}

  public static Element item(RosterItem item) {
    Element.Builder b = Element.builder("item", Namespaces.ROSTER)
        .attribute("jid", item.jid())
        .attribute("name", item.name())
        .attribute("subscription", "both");
    for (String group : item.groups()) {
      b.child(Element.builder("group", Namespaces.ROSTER).text(group).build());
    }
    return b.build();
  }

  /** The item of a roster push that removes a contact (RFC 6121 §2.5.2). */
  public static Element removal(RosterItem item) {
    return Element.builder("item", Namespaces.ROSTER)
        .attribute("jid", item.jid())
        .attribute("subscription", "remove")
        .build();
  }

  /** A {@code <query xmlns='jabber:iq:roster' ver=...>} holding {@code items}. */
  public static Element query(String version, List<Element> items) {
    return Element.builder("query", Namespaces.ROSTER)
        .attribute("ver", version)
        .children(items)
        .build();
  }
}
