package dev.rosterd.c2s.routing;

import dev.rosterd.common.jid.Jids;
import java.util.Optional;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

/**
 * Whom a client's stanza is addressed to, as RFC 6120 §10 sorts it: the server, the sender's own
 * account (its bare JID, or no {@code to} at all, §10.3), another local bare or full JID, another
 * domain, or an address that is not a JID at all.
 *
 * @param jid the addressee, or null for {@link Kind#MALFORMED}
 */
public record Recipient(Kind kind, Jid jid) {
  /** The cases that route differently. */
  public enum Kind {
    /** Our domain itself ({@code example.com} or {@code example.com/resource}). */
    SERVER,
    /** The sender's own bare JID, or no {@code to} at all (RFC 6120 §10.3: the sender's account). */
    OWN_ACCOUNT,
    /** Another local user's bare JID. */
    LOCAL_BARE,
    /** A local full JID, the sender's other resources included. */
    LOCAL_FULL,
    /** A JID of another domain; there is no server-to-server link. */
    REMOTE,
    /** A {@code to} that is not a valid JID. */
    MALFORMED
  }

  /** Sorts the {@code to} of a stanza sent by {@code sender}, a session of {@code domain}. */
  public static Recipient of(String to, EntityFullJid sender, DomainBareJid domain) {
    if (to == null) {
      return new Recipient(Kind.OWN_ACCOUNT, sender.asBareJid());
    }
    Optional<Jid> parsed = Jids.parse(to);
    if (parsed.isEmpty()) {
      return new Recipient(Kind.MALFORMED, null);
    }
    Jid jid = parsed.get();
    if (!jid.getDomain().equals(domain)) {
      return new Recipient(Kind.REMOTE, jid);
    }
    if (!jid.hasLocalpart()) {
      return new Recipient(Kind.SERVER, jid);
    }
    if (jid.hasResource()) {
      return new Recipient(Kind.LOCAL_FULL, jid);
    }
    return new Recipient(jid.equals(sender.asBareJid()) ? Kind.OWN_ACCOUNT : Kind.LOCAL_BARE, jid);
  }

  /** The addressed full JID; only for {@link Kind#LOCAL_FULL}. */
  public EntityFullJid fullJid() {
    return jid.asEntityFullJidOrThrow();
  }
}
