package dev.rosterd.c2s.iq;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.IqReply;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;
import java.util.List;

/**
 * XEP-0030 service discovery of the server itself: identity {@code server/im} and the features it
 * really serves as iq. Roster versioning is not among them: it is a stream feature (XEP-0237 §2.2),
 * announced with the stream features, not over disco.
 */
public final class DiscoInfo {
  /** The iq namespaces the server answers. */
  static final List<String> FEATURES = List.of(
      Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.PING, Namespaces.CARBONS, Namespaces.VERSION,
      Namespaces.LAST);

  private DiscoInfo() {}

  /** The answer to a disco#info get addressed to the server. */
  public static Element answer(Element iq) {
    Element query = iq.child("query", Namespaces.DISCO_INFO).orElseThrow();
    if (query.attribute("node") != null) {
      // The server publishes no nodes (XEP-0030 §3.1: unknown node).
      return StanzaError.reply(iq, StanzaError.Type.CANCEL, "item-not-found");
    }
    Element.Builder info = Element.builder("query", Namespaces.DISCO_INFO)
        .child(Element.builder("identity", Namespaces.DISCO_INFO)
            .attribute("category", "server")
            .attribute("type", "im")
            .attribute("name", "rosterd")
            .build());
    for (String feature : FEATURES) {
      info.child(Element.builder("feature", Namespaces.DISCO_INFO).attribute("var", feature).build());
    }
    return IqReply.result(iq).child(info.build()).build();
  }
}
