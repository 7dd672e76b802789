package dev.rosterd.testing.load;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.rosterd.stanza.Element;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The server's side of one XMPP stream, as a load client reads it: bytes in, top-level elements
 * ({@code <stream:features/>}, stanzas, {@code <stream:error/>}) out.
 *
 * <p>It uses Aalto's non-blocking parser rather than a substring scanner because rosterd and
 * Prosody serialise differently (quote style, namespace prefixes, attribute order, entity
 * escaping) and a roster reply must be counted item by item; a real parser reads both the same way
 * and costs little next to the server's own work. One instance per stream: after SASL success the
 * client makes a new one, as the stream restarts with a new XML document.
 *
 * <p>Not thread-safe; used on its client's event loop only.
 */
final class ServerStream {
  private static final AsyncXMLInputFactory FACTORY = new InputFactoryImpl();

  private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = FACTORY.createAsyncForByteArray();
  private final Deque<Element.Builder> open = new ArrayDeque<>();
  private final Consumer<Element> onElement;
  private final Runnable onClose;
  private int depth;

  /**
   * @param onElement gets each complete element at depth 1 inside the stream
   * @param onClose runs when the server closes its stream ({@code </stream:stream>})
   */
  ServerStream(Consumer<Element> onElement, Runnable onClose) {
    this.onElement = onElement;
    this.onClose = onClose;
  }

  /** Parses what arrived; calls back for every element it completes. */
  void feed(byte[] bytes) throws XMLStreamException {
    reader.getInputFeeder().feedInput(bytes, 0, bytes.length);
    int event;
    while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
      switch (event) {
        case XMLStreamReader.START_ELEMENT -> started();
        case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> {
          if (!open.isEmpty()) {
            open.peek().text(reader.getText());
          }
        }
        case XMLStreamReader.END_ELEMENT -> ended();
        default -> { }
      }
    }
  }

  private void started() {
    depth++;
    if (depth == 1) {
      return; // the stream header: nothing in it matters to a load client
    }
    String ns = reader.getNamespaceURI();
    Element.Builder b = Element.builder(reader.getLocalName(), ns == null ? "" : ns);
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String prefix = reader.getAttributePrefix(i);
      String name = reader.getAttributeLocalName(i);
      b.attribute(prefix == null || prefix.isEmpty() ? name : prefix + ":" + name, reader.getAttributeValue(i));
    }
    open.push(b);
  }

  private void ended() {
    depth--;
    if (depth == 0) {
      onClose.run();
      return;
    }
    Element done = open.pop().build();
    if (open.isEmpty()) {
      onElement.accept(done);
    } else {
      open.peek().child(done);
    }
  }
}
