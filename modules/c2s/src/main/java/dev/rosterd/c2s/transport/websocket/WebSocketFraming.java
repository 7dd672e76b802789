package dev.rosterd.c2s.transport.websocket;

import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamFraming;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.XmlEscape;
import java.util.List;

/**
 * RFC 7395's framing: every WebSocket message is one complete element that declares its own
 * namespaces, the stream is opened with {@code <open/>} and closed with {@code <close/>} in the
 * framing namespace, and features and errors carry their own {@code stream} prefix declaration.
 */
public final class WebSocketFraming implements StreamFraming {
  /** RFC 7395 §3.3.1: the namespace of {@code <open/>} and {@code <close/>}. */
  public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-framing";

  /** The only instance: the framing holds no state. */
  public static final WebSocketFraming INSTANCE = new WebSocketFraming();

  private static final String STREAM_PREFIX = " xmlns:stream='" + Namespaces.STREAM + "'";

  private WebSocketFraming() {}

  @Override
  public String open(String domain, String id, String lang) {
    StringBuilder out = new StringBuilder(160);
    out.append("<open xmlns='").append(NAMESPACE)
        .append("' from='").append(XmlEscape.attribute(domain))
        .append("' id='").append(XmlEscape.attribute(id))
        .append("' version='1.0'");
    if (lang != null) {
      out.append(" xml:lang='").append(XmlEscape.attribute(lang)).append('\'');
    }
    return out.append("/>").toString();
  }

  @Override
  public String features(List<Element> features) {
    StringBuilder out = new StringBuilder("<stream:features").append(STREAM_PREFIX).append('>');
    for (Element f : features) {
      out.append(f.toXml(Namespaces.CLIENT));
    }
    return out.append("</stream:features>").toString();
  }

  @Override
  public String error(StreamError error) {
    // StreamError writes the element for a stream that declared the prefix; a WebSocket message
    // stands alone, so the declaration goes on the element itself (RFC 7395 §3.3.3).
    return error.toXml().replaceFirst("^<stream:error>", "<stream:error" + STREAM_PREFIX + ">");
  }

  @Override
  public String close() {
    return "<close xmlns='" + NAMESPACE + "'/>";
  }
}
