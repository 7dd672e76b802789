package dev.rosterd.c2s.archive;

import dev.rosterd.stanza.Element;
import java.util.Optional;
import org.jxmpp.jid.BareJid;

/**
 * XEP-0359 stanza ids: the {@code <stanza-id/>} the server adds to a message its archive kept, with
 * the archive's owner in {@code by}, so that a client can tell the message it got live from the
 * same one in the archive.
 */
public final class StanzaIds {
  /** XEP-0359 unique and stable stanza ids. */
  public static final String NAMESPACE = "urn:xmpp:sid:0";

  private StanzaIds() {}

  /** {@code message} with the archive's id for {@code owner}'s archive. */
  public static Element with(Element message, String id, BareJid owner) {
    return withoutOurs(message, owner).toBuilder()
        .child(Element.builder("stanza-id", NAMESPACE).attribute("id", id).attribute("by", owner.toString()).build())
        .build();
  }

  /** The id {@code owner}'s archive gave {@code message}, if it carries one. */
  public static Optional<String> ours(Element message, BareJid owner) {
    return message.children().stream()
        .filter(c -> c.is("stanza-id", NAMESPACE) && owner.toString().equals(c.attribute("by")))
        .map(c -> c.attribute("id"))
        .findFirst();
  }

  /**
   * {@code message} without any {@code <stanza-id/>} claiming to be by {@code owner} (XEP-0359 §5:
   * a sender must not be able to forge the id the recipient's archive gave).
   */
  public static Element withoutOurs(Element message, BareJid owner) {
    boolean forged = message.children().stream()
        .anyMatch(c -> c.is("stanza-id", NAMESPACE) && owner.toString().equals(c.attribute("by")));
    if (!forged) {
      return message;
    }
    return message.toBuilder()
        .clearChildren()
        .children(message.children().stream()
            .filter(c -> !(c.is("stanza-id", NAMESPACE) && owner.toString().equals(c.attribute("by"))))
            .toList())
        .build();
  }
}
