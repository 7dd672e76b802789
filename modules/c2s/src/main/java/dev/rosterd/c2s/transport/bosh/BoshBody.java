package dev.rosterd.c2s.transport.bosh;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.stream.XmppStreamParser;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One {@code <body/>} a BOSH client POSTed (XEP-0124 §4): its attributes (those of XEP-0206 as
 * {@code xmpp:version}, {@code xmpp:restart}) and the elements it carries.
 *
 * <p>The body is checked by the same {@link XmppStreamParser} as a TCP stream, as the one
 * first-level element of a stream made up around it (so the restricted-XML rules, strict UTF-8 and
 * the depth limit hold, and no body can close the made-up stream early: its prefix is random).
 * The parser keeps no attribute in a foreign namespace, so the root's attributes are read again
 * from the start tag with a plain StAX reader, only once the parser found the bytes clean.
 *
 * @param attributes the root's attributes: {@code rid}, {@code sid}, {@code xmpp:version}...
 * @param children the elements carried, in order
 * @param size the bytes of the body
 * @param error why the body cannot be taken (null when it can): a stream error of the parser
 */
public record BoshBody(Map<String, String> attributes, List<Element> children, int size, StreamError error) {
  /** XEP-0124's namespace, of {@code <body/>}. */
  public static final String NAMESPACE = "http://jabber.org/protocol/httpbind";
  /** XEP-0206's namespace, of {@code xmpp:version}, {@code xmpp:restart}, {@code xmpp:restartlogic}. */
  public static final String XBOSH = "urn:xmpp:xbosh";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final XMLInputFactory START_TAGS = startTags();

  /**
   * Reads {@code bytes}; a body that breaks XML or a limit comes back with its {@link #error} and
   * whatever attributes its start tag gave (so that its session can be found and ended).
   *
   * @param maxBytes the largest body accepted (the caller refuses larger ones before reading them whole)
   */
  public static BoshBody parse(byte[] bytes, StreamLimits limits, int maxBytes) {
    Map<String, String> attributes = startTag(bytes);
    try {
      Element body = validated(bytes, limits, maxBytes);
      if (attributes == null || !body.is("body", NAMESPACE)) {
        throw new StreamError(StreamError.BAD_FORMAT, "expected a <body xmlns='" + NAMESPACE + "'/>");
      }
      return new BoshBody(attributes, body.children(), bytes.length, null);
    } catch (StreamError e) {
      return new BoshBody(attributes == null ? Map.of() : attributes, List.of(), bytes.length, e);
    }
  }

  /** A body too large to be read: only its start tag's attributes, if they came whole, and the error. */
  public static BoshBody tooLarge(byte[] head, int maxBytes) {
    Map<String, String> attributes = startTag(head);
    return new BoshBody(attributes == null ? Map.of() : attributes, List.of(), head.length,
        new StreamError(StreamError.POLICY_VIOLATION, "a BOSH body may be at most " + maxBytes + " bytes"));
  }

  private static Element validated(byte[] bytes, StreamLimits limits, int maxBytes) {
    String prefix = "s" + HexFormat.of().formatHex(randomBytes());
    // One level deeper than a TCP stream's limit: <body/> stands between the stream and the stanzas.
    XmppStreamParser parser = new XmppStreamParser(limits.maxHeaderBytes(), maxBytes, limits.maxDepth() + 1);
    parser.feed(("<" + prefix + ":stream xmlns:" + prefix + "='" + Namespaces.STREAM + "' xmlns='"
        + Namespaces.CLIENT + "'>").getBytes(UTF_8));
    parser.feed(bytes);
    parser.feed(("</" + prefix + ":stream>").getBytes(UTF_8));
    Element body = null;
    for (StreamEvent e = parser.next(); !(e instanceof StreamEvent.Closed); e = parser.next()) {
      if (e == null) {
        throw new StreamError(StreamError.NOT_WELL_FORMED, "the body ends before its end tag");
      }
      if (e instanceof StreamEvent.Stanza s) {
        if (body != null) {
          throw new StreamError(StreamError.BAD_FORMAT, "a request holds exactly one <body/>");
        }
        body = s.element();
      }
    }
    if (body == null) {
      throw new StreamError(StreamError.BAD_FORMAT, "a request holds exactly one <body/>");
    }
    return body;
  }

  /** The attributes of the root start tag, or null when there is none to read. */
  private static Map<String, String> startTag(byte[] bytes) {
    try {
      XMLStreamReader reader = START_TAGS.createXMLStreamReader(new ByteArrayInputStream(bytes));
      try {
        while (reader.hasNext()) {
          int event = reader.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            return attributes(reader);
          }
          if (event == XMLStreamConstants.DTD) {
            return null;
          }
        }
        return null;
      } finally {
        reader.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      return null;
    }
  }

  private static Map<String, String> attributes(XMLStreamReader reader) {
    if (!"body".equals(reader.getLocalName()) || !NAMESPACE.equals(reader.getNamespaceURI())) {
      return null;
    }
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String ns = reader.getAttributeNamespace(i);
      String name = reader.getAttributeLocalName(i);
      if (ns == null || ns.isEmpty()) {
        out.put(name, reader.getAttributeValue(i));
      } else if (XBOSH.equals(ns)) {
        out.put("xmpp:" + name, reader.getAttributeValue(i));
      } else if (XMLConstants.XML_NS_URI.equals(ns)) {
        out.put("xml:" + name, reader.getAttributeValue(i));
      }
    }
    return out;
  }

  private static XMLInputFactory startTags() {
    XMLInputFactory f = new InputFactoryImpl();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return f;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }

  /** An attribute, or null. */
  public String attribute(String name) {
    return attributes.get(name);
  }

  /** {@code sid}, or null on a session creation request. */
  public String sid() {
    return attributes.get("sid");
  }

  /**
   * {@code rid}: a positive integer below 2^53 (XEP-0124 §7.1).
   *
   * @throws BoshTerminal bad-request when absent or not such a number
   */
  long rid() {
    try {
      long rid = Long.parseLong(attributes.getOrDefault("rid", ""));
      if (rid > 0 && rid < (1L << 53)) {
        return rid;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BoshTerminal(BoshTerminal.BAD_REQUEST, "rid must be a positive integer below 2^53");
  }

  /** An integer attribute ({@code wait}, {@code hold}, {@code ack}), or null when absent. */
  Long number(String name) {
    String value = attributes.get(name);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BoshTerminal(BoshTerminal.BAD_REQUEST, name + " must be an integer");
    }
  }

  /** {@code type='terminate'}: the client ends the session (XEP-0124 §13). */
  boolean terminates() {
    return "terminate".equals(attributes.get("type"));
  }

  /** {@code xmpp:restart='true'}: the client restarts the stream (XEP-0206 §5). */
  boolean restarts() {
    return "true".equals(attributes.get("xmpp:restart"));
  }

  /** {@code ver} present: the client speaks XEP-0124 1.6 or later and takes errors as terminate bodies with 200. */
  public boolean modern() {
    return attributes.containsKey("ver");
  }
}
