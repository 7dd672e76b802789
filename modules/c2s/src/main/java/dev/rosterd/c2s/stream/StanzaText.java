package dev.rosterd.c2s.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;

/**
 * Reads one stanza the server itself serialised (routed as text over the event bus, or kept for a
 * client that had not acknowledged it) back into an {@link Element}, with the same parser as a
 * client's stream. Only for the few places that must look inside such text: a resumed session's
 * relayed input, and what becomes of unacknowledged stanzas when a session ends.
 */
public final class StanzaText {
  private static final byte[] BEFORE = ("<stream:stream xmlns:stream='" + Namespaces.STREAM
      + "' xmlns='" + Namespaces.CLIENT + "' version='1.0'>").getBytes(UTF_8);
  /** Our own output: bounded only so that a bug cannot parse without end. */
  private static final int MAX_BYTES = 64 * 1024 * 1024;

  private StanzaText() {}

  /**
   * The element {@code xml} holds.
   *
   * @throws IllegalArgumentException when it is not one well-formed element (a bug in the writer)
   */
  public static Element parse(String xml) {
    XmppStreamParser parser = new XmppStreamParser(4096, MAX_BYTES, 1024);
    parser.feed(BEFORE);
    parser.feed(xml.getBytes(UTF_8));
    parser.feed("</stream:stream>".getBytes(UTF_8));
    try {
      if (parser.next() instanceof StreamEvent.Opened && parser.next() instanceof StreamEvent.Stanza s) {
        return s.element();
      }
    } catch (StreamError e) {
      throw new IllegalArgumentException("not a stanza: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("not a stanza");
  }
}
