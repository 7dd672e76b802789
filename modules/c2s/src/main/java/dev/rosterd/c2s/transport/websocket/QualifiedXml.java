package dev.rosterd.c2s.transport.websocket;

import dev.rosterd.stanza.Namespaces;

/**
 * Gives a serialised stanza its {@code jabber:client} declaration. The session layer writes stanzas
 * as children of a {@code jabber:client} stream, without one; a WebSocket message stands alone, so
 * its root must declare its namespace (RFC 7395 §3.3.3), as must a child of a BOSH {@code <body/>},
 * whose own namespace is BOSH's (XEP-0206 §6).
 */
public final class QualifiedXml {
  private static final String DECLARATION = " xmlns='" + Namespaces.CLIENT + "'";

  private QualifiedXml() {}

  /**
   * {@code xml} with {@code xmlns='jabber:client'} on its root, unless the root declares a default
   * namespace or has a prefix.
   */
  public static String of(String xml) {
    if (!xml.startsWith("<")) {
      return xml;
    }
    int nameEnd = 1;
    while (nameEnd < xml.length() && !isTagDelimiter(xml.charAt(nameEnd))) {
      nameEnd++;
    }
    // A prefixed root (stream:features, stream:error) is the framing's, with its own declaration.
    boolean prefixed = xml.lastIndexOf(':', nameEnd) > 0;
    return prefixed || declaresNamespace(xml, nameEnd) ? xml
        : xml.substring(0, nameEnd) + DECLARATION + xml.substring(nameEnd);
  }

  /** Whether the attributes of the root start tag, from {@code i}, include {@code xmlns}. */
  private static boolean declaresNamespace(String xml, int i) {
    while (i < xml.length()) {
      char c = xml.charAt(i);
      if (c == '>' || c == '/') {
        return false;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int nameStart = i;
      while (i < xml.length() && xml.charAt(i) != '=' && !Character.isWhitespace(xml.charAt(i))) {
        i++;
      }
      if (xml.startsWith("xmlns", nameStart) && i - nameStart == 5) {
        return true;
      }
      i = xml.indexOf('=', i) + 1;
      while (i > 0 && i < xml.length() && Character.isWhitespace(xml.charAt(i))) {
        i++;
      }
      if (i <= 0 || i >= xml.length()) {
        return false;
      }
      // Skip the quoted value: escaping guarantees its own quote does not occur inside it.
      char quote = xml.charAt(i);
      i = xml.indexOf(quote, i + 1) + 1;
      if (i <= 0) {
        return false;
      }
    }
    return false;
  }

  private static boolean isTagDelimiter(char c) {
    return c == '>' || c == '/' || Character.isWhitespace(c);
  }
}
