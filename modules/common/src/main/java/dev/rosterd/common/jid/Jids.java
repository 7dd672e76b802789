package dev.rosterd.common.jid;

import java.util.Optional;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringPrepUtil;
import org.jxmpp.stringprep.XmppStringprepException;
import org.jxmpp.stringprep.rocksxmppprecis.RocksXmppPrecisStringprep;

/**
 * JID parsing and normalisation, done by jxmpp with the PRECIS profiles of RFC 7622 (Rocks XMPP's
 * implementation) rather than by hand-written rules.
 *
 * <p>{@link #setUp()} must run once per JVM before any JID is parsed; every verticle calls it in its
 * start, so it also holds when a module is deployed on its own.
 */
public final class Jids {
  private static volatile boolean setUp;

  private Jids() {}

  /** Installs PRECIS stringprep into jxmpp; idempotent. */
  public static void setUp() {
    if (!setUp) {
      synchronized (Jids.class) {
        if (!setUp) {
          XmppStringPrepUtil.setXmppStringprep(RocksXmppPrecisStringprep.INSTANCE);
          setUp = true;
        }
      }
    }
  }

  /** Any JID (domain, bare or full), normalised; empty when it is not a valid JID. */
  public static Optional<Jid> parse(String s) {
    if (s == null || s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JidCreate.from(s));
    } catch (XmppStringprepException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A JID with a local part and no resource, e.g. {@code juliet@example.com}. */
  public static Optional<EntityBareJid> parseBare(String s) {
    return parse(s).filter(Jid::isEntityBareJid).map(Jid::asEntityBareJidIfPossible);
  }

  /** The bare JID {@code localpart@domain}; empty when the local part is not valid under PRECIS. */
  public static Optional<EntityBareJid> bare(String localpart, String domain) {
    try {
      return Optional.of(JidCreate.entityBareFrom(Localpart.from(localpart), JidCreate.domainBareFrom(domain)));
    } catch (XmppStringprepException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The full JID {@code bare/resource}; empty when the resource is not valid under PRECIS. */
  public static Optional<EntityFullJid> full(EntityBareJid bare, String resource) {
    try {
      return Optional.of(JidCreate.entityFullFrom(bare, Resourcepart.from(resource)));
    } catch (XmppStringprepException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
