package dev.rosterd.c2s.carbons;

import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.IqReply;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import org.jxmpp.jid.EntityFullJid;

/**
 * A resource turns message carbons on or off (XEP-0280 §4, §5): {@code <enable/>} or {@code
 * <disable/>} in an iq set. The choice is kept in the resource's directory entry, where routing on
 * every node reads it.
 */
public final class CarbonsIq {
  private final SessionDirectory directory;
  private final EntityFullJid jid;
  private final String address;

  /** @param address the session's address, so that only its own entry is changed */
  public CarbonsIq(SessionDirectory directory, EntityFullJid jid, String address) {
    this.directory = directory;
    this.jid = jid;
    this.address = address;
  }

  /** The answer to an iq whose one payload is in the carbons namespace. */
  public Future<Element> answer(Element iq) {
    Element payload = iq.children().get(0);
    boolean enable = payload.name().equals("enable");
    if (!"set".equals(iq.attribute("type")) || !(enable || payload.name().equals("disable"))) {
      return Future.succeededFuture(StanzaError.reply(iq, StanzaError.Type.MODIFY, "bad-request"));
    }
    return directory
        .update(jid.asBareJid().toString(), jid.getResourceOrThrow().toString(), address, e -> e.withCarbons(enable))
        .map(v -> IqReply.result(iq).build());
  }
}
