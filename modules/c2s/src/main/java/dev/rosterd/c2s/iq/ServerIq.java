package dev.rosterd.c2s.iq;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.IqReply;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;

/**
 * The iq get/set requests the server answers itself, whether addressed to the server or to the
 * sender's own account: the legacy session establishment (RFC 3921 §3, kept as a no-op per RFC 6121
 * Appendix E), XEP-0199 ping and XEP-0030 disco#info of the server. Everything else gets {@code
 * <service-unavailable/>} (RFC 6120 §8.4: an iq request is always answered). The roster has its
 * own handling ({@code dev.rosterd.c2s.roster}).
 */
public final class ServerIq {
  private ServerIq() {}

  /**
   * @param toServer whether the iq is addressed to the server's domain (rather than to the account)
   */
  public static Element answer(Element iq, boolean toServer) {
    if (iq.children().size() != 1) {
      // RFC 6120 §8.2.3: a get or set carries exactly one payload.
      return StanzaError.reply(iq, StanzaError.Type.MODIFY, "bad-request");
    }
    Element payload = iq.children().get(0);
    String type = iq.attribute("type");
    if (payload.is("session", Namespaces.SESSION) && "set".equals(type)) {
      return IqReply.result(iq).build();
    }
    if (payload.is("ping", Namespaces.PING) && "get".equals(type)) {
      return IqReply.result(iq).build();
    }
    if (toServer && payload.is("query", Namespaces.DISCO_INFO) && "get".equals(type)) {
      return DiscoInfo.answer(iq);
    }
    return StanzaError.reply(iq, StanzaError.Type.CANCEL, "service-unavailable");
  }
}
