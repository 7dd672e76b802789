package dev.rosterd.c2s.transport.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.stream.StreamHeader;
import dev.rosterd.c2s.stream.XmppStreamParser;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Turns the messages of an RFC 7395 WebSocket into {@link StreamEvent}s, with the same {@link
 * XmppStreamParser} (and so the same restricted-XML rules, size and depth limits and stream errors)
 * as a TCP stream. Each message is parsed on its own as the one first-level element of a stream
 * made up around it, fed frame by frame as it arrives, so an oversized message fails before it is
 * whole. {@code <open/>} becomes {@link StreamEvent.Opened}, {@code <close/>} {@link
 * StreamEvent.Closed}; every other element is a {@link StreamEvent.Stanza}.
 *
 * <p>The made-up stream's prefix is random, so no message can close it early and smuggle a second
 * element past the one-element check. Not thread-safe: one connection's context only.
 */
final class WebSocketMessages {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StreamLimits limits;
  private boolean authenticated;
  private final byte[] before;
  private final byte[] after;
  /** Messages received and not yet turned into an event; the last may still be arriving. */
  private final Deque<Message> messages = new ArrayDeque<>();
  private boolean awaitingOpen = true;
  private StreamError failed;

  /** @param limits the listener's limits, which each message's parser is made with */
  WebSocketMessages(StreamLimits limits) {
    this.limits = limits;
    String prefix = "s" + HexFormat.of().formatHex(randomBytes());
    before = ("<" + prefix + ":stream xmlns:" + prefix + "='" + Namespaces.STREAM + "' xmlns='"
        + Namespaces.CLIENT + "'>").getBytes(UTF_8);
    after = ("</" + prefix + ":stream>").getBytes(UTF_8);
  }

  /** A text frame: the start of a message, or (when {@code continuation}) more of the last one. */
  void text(byte[] data, boolean continuation, boolean last) {
    Message m = messages.peekLast();
    if (!continuation || m == null || m.complete) {
      m = new Message(limits.parser(authenticated));
      m.parser.feed(before);
      messages.add(m);
    }
    m.parser.feed(data);
    if (last) {
      m.parser.feed(after);
      m.complete = true;
    }
  }

  /** A binary frame, which RFC 7395 §3.2 does not allow. */
  void binary() {
    if (failed == null) {
      failed = new StreamError(StreamError.BAD_FORMAT,
          "binary WebSocket messages are not allowed; send each element as a text message (RFC 7395 §3.2)");
    }
  }

  /** The next stream must begin with {@code <open/>} (after SASL success). */
  void restart(boolean nowAuthenticated) {
    awaitingOpen = true;
    authenticated = nowAuthenticated;
  }

  /**
   * The next event, or null when the message under way is not whole yet.
   *
   * @throws StreamError for a message that breaks XML, the limits, or RFC 7395's framing
   */
  StreamEvent next() {
    while (failed == null && !messages.isEmpty()) {
      Message m = messages.peek();
      StreamEvent e = m.parser.next();
      if (e == null) {
        return null;
      }
      if (e instanceof StreamEvent.Stanza s) {
        if (m.element != null) {
          throw fail("a WebSocket message holds exactly one XML element (RFC 7395 §3.3.3); this one held more");
        }
        m.element = s.element();
      } else if (e instanceof StreamEvent.Closed) {
        messages.poll();
        if (m.element == null) {
          throw fail("a WebSocket message holds exactly one XML element (RFC 7395 §3.3.3); this one held none");
        }
        return event(m.element);
      }
    }
    if (failed != null) {
      throw failed;
    }
    return null;
  }

  private StreamEvent event(Element e) {
    boolean framing = WebSocketFraming.NAMESPACE.equals(e.namespace());
    if (framing && e.name().equals("close")) {
      return new StreamEvent.Closed();
    }
    if (awaitingOpen) {
      if (!framing || !e.name().equals("open")) {
        throw fail(StreamError.INVALID_NAMESPACE,
            "expected <open xmlns='" + WebSocketFraming.NAMESPACE + "'/> (RFC 7395 §3.4)");
      }
      awaitingOpen = false;
      // <open/> stands for a jabber:client stream header (RFC 7395 §3.3.2).
      return new StreamEvent.Opened(new StreamHeader(
          e.attribute("to"), e.attribute("from"), e.attribute("version"), e.attribute("xml:lang"), Namespaces.CLIENT));
    }
    if (framing && e.name().equals("open")) {
      throw fail("the stream is already open: <open/> comes only first and after a stream restart");
    }
    return new StreamEvent.Stanza(e);
  }

  private StreamError fail(String text) {
    return fail(StreamError.BAD_FORMAT, text);
  }

  private StreamError fail(String condition, String text) {
    failed = new StreamError(condition, text);
    return failed;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }

  private static final class Message {
    final XmppStreamParser parser;
    Element element;
    boolean complete;

    Message(XmppStreamParser parser) {
      this.parser = parser;
    }
  }
}
