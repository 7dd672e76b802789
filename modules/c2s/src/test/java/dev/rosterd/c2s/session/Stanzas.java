package dev.rosterd.c2s.session;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Stanzas for tests, written as XML and read with the JDK's DOM parser into {@link Element}s. */
final class Stanzas {
  private Stanzas() {}

  /** Parses one stanza as it would appear in a {@code jabber:client} stream. */
  static Element parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      String wrapped = "<stream xmlns='" + Namespaces.CLIENT + "'>" + xml + "</stream>";
      org.w3c.dom.Element root =
          f.newDocumentBuilder().parse(new InputSource(new StringReader(wrapped))).getDocumentElement();
      for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof org.w3c.dom.Element e) {
          return convert(e);
        }
      }
      throw new IllegalArgumentException("no element in " + xml);
    } catch (Exception e) {
      throw new IllegalArgumentException(xml, e);
    }
  }

  private static Element convert(org.w3c.dom.Element e) {
    Element.Builder b = Element.builder(e.getLocalName(), e.getNamespaceURI());
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (!a.getName().equals("xmlns") && !a.getName().startsWith("xmlns:")) {
        b.attribute(a.getName(), a.getValue());
      }
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof org.w3c.dom.Element c) {
        b.child(convert(c));
      } else if (n.getNodeType() == Node.TEXT_NODE) {
        b.text(n.getNodeValue());
      }
    }
    return b.build();
  }
}
