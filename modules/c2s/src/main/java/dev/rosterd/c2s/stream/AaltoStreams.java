package dev.rosterd.c2s.stream;

import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.rosterd.stanza.Namespaces;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;

/** What {@link XmppStreamParser} asks of Aalto beyond events: its factory, the stream header, the restrictions. */
final class AaltoStreams {
  private AaltoStreams() {}

  /** RFC 6120 §11.6: UTF-8 only; Aalto would otherwise decode a declared ISO-8859-1. */
  static void checkEncoding(AsyncXMLStreamReader<?> reader) {
    String declared = reader.getCharacterEncodingScheme();
    if (declared != null && !declared.equalsIgnoreCase("UTF-8")) {
      throw new StreamError(StreamError.UNSUPPORTED_ENCODING, "only UTF-8 is supported");
    }
  }

  static StreamHeader header(AsyncXMLStreamReader<?> reader) {
    if (!"stream".equals(reader.getLocalName())
        || !Namespaces.STREAM.equals(reader.getNamespaceURI())) {
      throw new StreamError(StreamError.INVALID_NAMESPACE, "expected a stream in " + Namespaces.STREAM);
    }
    String content = "";
    for (int i = 0; i < reader.getNamespaceCount(); i++) {
      String prefix = reader.getNamespacePrefix(i);
      if (prefix == null || prefix.isEmpty()) {
        content = nonNull(reader.getNamespaceURI(i));
      }
    }
    return new StreamHeader(
        attribute(reader, "", "to"),
        attribute(reader, "", "from"),
        attribute(reader, "", "version"),
        attribute(reader, XMLConstants.XML_NS_URI, "lang"),
        content);
  }

  private static String attribute(AsyncXMLStreamReader<?> reader, String namespace, String name) {
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      if (name.equals(reader.getAttributeLocalName(i))
          && namespace.equals(nonNull(reader.getAttributeNamespace(i)))) {
        return reader.getAttributeValue(i);
      }
    }
    return null;
  }

  static String restriction(int event) {
    return switch (event) {
      case XMLStreamConstants.DTD -> "DTDs are not allowed";
      case XMLStreamConstants.COMMENT -> "comments are not allowed";
      case XMLStreamConstants.PROCESSING_INSTRUCTION -> "processing instructions are not allowed";
      default -> "entities are not allowed";
    };
  }

  static String nonNull(String s) {
    return s == null ? "" : s;
  }

  static AsyncXMLInputFactory factory() {
    AsyncXMLInputFactory f = new InputFactoryImpl();
    // No DTD processing at all: a DOCTYPE is reported (and rejected) but never acted on, so
    // entity expansion attacks cannot reach us.
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return f;
  }
}
