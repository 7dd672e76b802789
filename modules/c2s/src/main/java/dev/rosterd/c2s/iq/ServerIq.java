package dev.rosterd.c2s.iq;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.IqReply;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;
import java.lang.management.ManagementFactory;

/**
 * The iq get/set requests the server answers itself, whether addressed to the server or to the
 * sender's own account: the legacy session establishment (RFC 3921 §3, kept as a no-op per RFC 6121
 * Appendix E), XEP-0199 ping, and, addressed to the server, XEP-0030 disco#info and disco#items
 * (empty), XEP-0092 software
 * version (name and version; no operating system, which would only help an attacker) and XEP-0012
 * last activity (the server's uptime). The XEP-0191 blocking command is refused with {@code
 * <not-allowed/>}: who may reach whom is the web application's to decide (its rosters), and a
 * block list kept here would contradict it. Everything else gets {@code <service-unavailable/>}
 * (RFC 6120 §8.4: an iq request is always answered). The roster has its own handling ({@code
 * dev.rosterd.c2s.roster}).
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
    if (toServer && payload.is("query", Namespaces.DISCO_ITEMS) && "get".equals(type)) {
      // The server hosts no items (no rooms, no components): an empty list, which clients looking
      // for a MUC service or an upload component read as "none here".
      return payload.attribute("node") != null
          ? StanzaError.reply(iq, StanzaError.Type.CANCEL, "item-not-found")
          : IqReply.result(iq).child(Element.builder("query", Namespaces.DISCO_ITEMS).build()).build();
    }
    if (toServer && payload.is("query", Namespaces.VERSION) && "get".equals(type)) {
      return IqReply.result(iq).child(Element.builder("query", Namespaces.VERSION)
          .child(text("name", "rosterd")).child(text("version", ServerVersion.VERSION)).build()).build();
    }
    if (toServer && payload.is("query", Namespaces.LAST) && "get".equals(type)) {
      long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
      return IqReply.result(iq).child(Element.builder("query", Namespaces.LAST)
          .attribute("seconds", Long.toString(uptime)).build()).build();
    }
    if (payload.namespace().equals(Namespaces.BLOCKING)) {
      return StanzaError.reply(iq, StanzaError.Type.CANCEL, "not-allowed");
    }
    return StanzaError.reply(iq, StanzaError.Type.CANCEL, "service-unavailable");
  }

  private static Element text(String name, String text) {
    return Element.builder(name, Namespaces.VERSION).text(text).build();
  }
}
