package dev.rosterd.c2s.negotiation;

import dev.rosterd.c2s.session.BindFailure;
import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;
import java.util.Optional;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The resource-binding iq (RFC 6120 §7) as the client sends it and as it is answered. */
final class BindRequest {
  private static final Logger LOG = LoggerFactory.getLogger(BindRequest.class);

  private BindRequest() {}

  /**
   * The resource asked for, or null for a server-generated one.
   *
   * @throws StreamError {@code not-authorized} for anything but a bind iq: nothing else is allowed
   *     before a resource is bound (RFC 6120 §7.1)
   */
  static String resource(Element iq) {
    Optional<Element> request = iq.child("bind", Namespaces.BIND);
    if (!iq.is("iq", Namespaces.CLIENT) || !"set".equals(iq.attribute("type")) || request.isEmpty()) {
      throw new StreamError(StreamError.NOT_AUTHORIZED, null);
    }
    return request.get().child("resource", Namespaces.BIND)
        .map(r -> r.text().trim()).filter(r -> !r.isEmpty()).orElse(null);
  }

  /** The result carrying the bound JID (RFC 6120 §7.6.1). */
  static Element result(Element iq, EntityFullJid bound) {
    Element jid = Element.builder("jid", Namespaces.BIND).text(bound.toString()).build();
    return Element.builder("iq", Namespaces.CLIENT)
        .attribute("id", iq.attribute("id"))
        .attribute("type", "result")
        .child(Element.builder("bind", Namespaces.BIND).child(jid).build())
        .build();
  }

  /** The error reply for a bind that failed (RFC 6120 §7.6.2). */
  static Element failure(Element iq, Throwable e) {
    if (e instanceof BindFailure f) {
      return StanzaError.reply(iq, f.errorType(), f.condition(), f.getMessage());
    }
    LOG.warn("binding a resource failed", e);
    return StanzaError.reply(iq, StanzaError.Type.WAIT, "internal-server-error");
  }
}
