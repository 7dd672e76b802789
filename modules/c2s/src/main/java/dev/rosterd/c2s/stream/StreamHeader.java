package dev.rosterd.c2s.stream;

import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.XmlEscape;

/**
 * The opening {@code <stream:stream>} tag, as received from a client or as written by the server.
 *
 * @param to the {@code to} attribute, or null
 * @param from the {@code from} attribute, or null
 * @param version the {@code version} attribute, or null
 * @param lang the {@code xml:lang} attribute, or null
 * @param contentNamespace the default namespace the header declared ({@code jabber:client} for a
 *     client stream); empty when none
 */
public record StreamHeader(String to, String from, String version, String lang, String contentNamespace) {

  /** The closing tag of a stream. */
  public static final String CLOSE = "</stream:stream>";

  /**
   * The server's response header (RFC 6120 §4.7): {@code from} our domain, a fresh stream id,
   * version 1.0, and the client's {@code to} (its JID) only once known. Every value is escaped.
   */
  public static String response(String domain, String id, String lang) {
    StringBuilder out = new StringBuilder(200);
    out.append("<?xml version='1.0'?><stream:stream xmlns='").append(Namespaces.CLIENT)
        .append("' xmlns:stream='").append(Namespaces.STREAM)
        .append("' from='").append(XmlEscape.attribute(domain))
        .append("' id='").append(XmlEscape.attribute(id))
        .append("' version='1.0'");
    if (lang != null) {
      out.append(" xml:lang='").append(XmlEscape.attribute(lang)).append('\'');
    }
    return out.append('>').toString();
  }
}
