package dev.rosterd.c2s.transport.bosh;

import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.XmlEscape;
import java.util.Map;

/** The {@code <body/>} elements the server answers with (XEP-0124 §7, §8, §13, §17). */
final class BoshResponses {
  /** The protocol version this server speaks (XEP-0124's {@code ver}). */
  static final String VERSION = "1.11";

  private static final String OPEN = "<body xmlns='" + BoshBody.NAMESPACE + "' xmlns:stream='" + Namespaces.STREAM + "'";

  private BoshResponses() {}

  /** A body around {@code payload} (serialised elements, each declaring its namespace), with {@code attributes}. */
  static String body(Map<String, String> attributes, String payload) {
    StringBuilder out = new StringBuilder(OPEN.length() + payload.length() + 64).append(OPEN);
    if (attributes.keySet().stream().anyMatch(k -> k.startsWith("xmpp:"))) {
      out.append(" xmlns:xmpp='").append(BoshBody.XBOSH).append('\'');
    }
    attributes.forEach((name, value) -> out.append(' ').append(name).append("='")
        .append(XmlEscape.attribute(value)).append('\''));
    if (payload.isEmpty()) {
      return out.append("/>").toString();
    }
    return out.append('>').append(payload).append("</body>").toString();
  }

  /** The end of a session: {@code type='terminate'}, with {@code condition} unless null. */
  static String terminate(String condition, String payload) {
    return body(condition == null ? Map.of("type", "terminate") : Map.of("type", "terminate", "condition", condition),
        payload);
  }
}
