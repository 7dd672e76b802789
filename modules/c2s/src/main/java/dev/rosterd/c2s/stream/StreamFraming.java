package dev.rosterd.c2s.stream;

import dev.rosterd.stanza.Element;
import java.util.List;

/**
 * How the parts of a stream that are not stanzas look on one transport. Over TCP (RFC 6120) the
 * stream is one XML document opened by {@code <stream:stream>}; over WebSocket (RFC 7395) every
 * message is a complete element, and the stream is opened and closed by {@code <open/>} and
 * {@code <close/>} in the framing namespace. Stanzas themselves look the same on both.
 */
public interface StreamFraming {
  /** The server's stream header (RFC 6120 §4.7): {@code from} our domain, the stream id, version 1.0. */
  String open(String domain, String id, String lang);

  /** {@code <stream:features>} around {@code features}, in order. */
  String features(List<Element> features);

  /** The {@code <stream:error/>} element for {@code error}. */
  String error(StreamError error);

  /** The end of the stream. */
  String close();

  /** RFC 6120's framing: one XML document per stream. */
  StreamFraming XML_STREAM = new StreamFraming() {
    @Override
    public String open(String domain, String id, String lang) {
      return StreamHeader.response(domain, id, lang);
    }

    @Override
    public String features(List<Element> features) {
      // Element cannot write the stream prefix, so the wrapper is by hand.
      StringBuilder out = new StringBuilder("<stream:features>");
      for (Element f : features) {
        out.append(f.toXml(dev.rosterd.stanza.Namespaces.CLIENT));
      }
      return out.append("</stream:features>").toString();
    }

    @Override
    public String error(StreamError error) {
      return error.toXml();
    }

    @Override
    public String close() {
      return StreamHeader.CLOSE;
    }
  };
}
