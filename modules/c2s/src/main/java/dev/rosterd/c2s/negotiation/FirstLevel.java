package dev.rosterd.c2s.negotiation;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.util.Set;

/**
 * What a first-level child of a client stream is (RFC 6120 §4.9.3.21, §8): one of the three
 * stanzas in the content namespace {@code jabber:client}, a negotiation element (STARTTLS or
 * SASL), or something the server does not support (XEP-0352's {@code <active/>} and
 * {@code <inactive/>} count as stanzas: they go to the bound session), which includes a stanza name in any other
 * namespace ({@code <message xmlns='urn:evil'/>} is not a message), or one of XEP-0198's stream
 * management elements.
 */
enum FirstLevel {
  STANZA,
  NEGOTIATION,
  /** XEP-0198's elements: {@code <resume/>} before binding, the rest for the bound session. */
  STREAM_MANAGEMENT,
  UNSUPPORTED;

  private static final Set<String> STANZAS = Set.of("message", "presence", "iq");

  static FirstLevel of(Element e) {
    if (Namespaces.CLIENT.equals(e.namespace())) {
      return STANZAS.contains(e.name()) ? STANZA : UNSUPPORTED;
    }
    if (Namespaces.TLS.equals(e.namespace()) || Namespaces.SASL.equals(e.namespace())) {
      return NEGOTIATION;
    }
    if (Namespaces.CSI.equals(e.namespace()) && (e.name().equals("active") || e.name().equals("inactive"))) {
      // XEP-0352's nonzas: for the bound session, as stanzas are.
      return STANZA;
    }
    if (Namespaces.SM.equals(e.namespace())) {
      return STREAM_MANAGEMENT;
    }
    return UNSUPPORTED;
  }
}
