package dev.rosterd.c2s.stream;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.XmlEscape;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the bytes of one client stream into {@link StreamEvent}s with Aalto's non-blocking parser.
 * One parser serves one stream: the connection makes a new one at each stream restart (after
 * STARTTLS and after SASL success), as RFC 6120 §4.3.3 requires.
 *
 * <p>Elements are built from events by depth: depth 1 is the stream header, depth 2 a stanza, and
 * deeper elements its children. The restrictions of RFC 6120 §11 are enforced here, so the rest of
 * the server only ever sees well-formed, DTD-free, bounded stanzas: every violation throws a
 * {@link StreamError} naming the condition to send, and nothing else is ever thrown.
 *
 * <p>What is checked where: the bytes must be well-formed UTF-8 ({@link StrictUtf8}, before
 * Aalto sees them: Aalto decodes overlong forms without complaint); Aalto checks the characters
 * (XML 1.0 {@code Char}) in text, attribute values, names and character references, and the
 * syntax. All of it ends the stream with {@code <not-well-formed/>} (RFC 6120 §4.9.3.13: the XML
 * violates the well-formedness rules of XML 1.0, which make both bad bytes and forbidden
 * characters fatal errors); a declared encoding other than UTF-8 with {@code
 * <unsupported-encoding/>} (§4.9.3.22, §11.6).
 *
 * <p>Limits hold from the first byte and are enforced while feeding, not after: the parser is
 * never handed more than one byte past the limit of what it is reading (the stream header and
 * anything before it, or one first-level element), so an oversized header, attribute value or
 * comment costs at most the limit in memory before the stream ends with {@code
 * <policy-violation/>}.
 *
 * <p>Between stanzas the parser lets go of Aalto's reader, whose buffers and symbol table are
 * most of what an idle stream would otherwise keep (about 4 KB of 19 for an idle session, see
 * docs/BENCHMARKS.md); the next bytes get a new reader, first fed a copy of the stream header's
 * name and namespace declarations so that stanzas resolve their prefixes, and the closing tag
 * matches, as in the original. Aalto keeps the released buffers in a thread-local recycler, so
 * the connection's event loop hands the same ones to the next reader.
 *
 * <p>Pull-style ({@link #next}) so the connection can stop taking stanzas while an asynchronous step
 * (a credential check, a bind) is pending and resume later without losing input. Not thread-safe:
 * one connection's context only.
 */
public final class XmppStreamParser {
  private static final Logger LOG = LoggerFactory.getLogger(XmppStreamParser.class);
  private static final AsyncXMLInputFactory FACTORY = AaltoStreams.factory();
  private static final int PROLOG_KEPT = 1024;

  /** Aalto's reader, or null between stanzas (see the class comment). */
  private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
  /** The stream header's qualified name and namespace declarations, to start a new reader with. */
  private byte[] resumeHeader;
  /** Where the current reader's byte 0 lies in the client's stream (negative: the copied header). */
  private long readerBase;
  /** Where the last byte that is not XML whitespace ended, as an offset in the client's stream. */
  private long contentEnd;
  private final Deque<byte[]> queued = new ArrayDeque<>();
  private final Deque<Element.Builder> open = new ArrayDeque<>();
  private final StrictUtf8 utf8 = new StrictUtf8();
  private final int maxHeaderBytes;
  private final int maxStanzaBytes;
  private final int maxDepth;
  /** How much of the head of {@link #queued} was already fed. */
  private int headOffset;
  /** Set once the bytes fed end where the client's bytes stop being UTF-8. */
  private boolean invalidUtf8;
  private long fed;
  /** Byte offset where the current first-level element (or the gap before it) began. */
  private long boundary;
  private boolean headerSeen;
  private boolean ended;
  /** The first bytes of the stream, kept to recognise a DOCTYPE Aalto cannot parse; null after the header. */
  private StringBuilder prolog = new StringBuilder();

  /**
   * @param maxHeaderBytes the most bytes from the start of the stream to the end of its header
   * @param maxStanzaBytes the largest first-level element accepted, in bytes of UTF-8
   * @param maxDepth the deepest element nesting accepted, counting the stream header as 1
   */
  public XmppStreamParser(int maxHeaderBytes, int maxStanzaBytes, int maxDepth) {
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxStanzaBytes = maxStanzaBytes;
    this.maxDepth = maxDepth;
  }

  /** Queues bytes received from the client; they are parsed by {@link #next}. */
  public void feed(byte[] bytes) {
    if (bytes.length > 0 && !ended) {
      queued.add(bytes);
      if (prolog != null && prolog.length() < PROLOG_KEPT) {
        prolog.append(new String(bytes, 0, Math.min(bytes.length, PROLOG_KEPT), ISO_8859_1));
      }
    }
  }

  /**
   * The next complete event, or null when the bytes fed so far end in the middle of one.
   *
   * @throws StreamError when the input breaks XML, RFC 6120 §11 or a limit
   */
  public StreamEvent next() {
    if (ended) {
      return null;
    }
    try {
      while (true) {
        if (reader == null) {
          if (queued.isEmpty()) {
            return null;
          }
          startReader();
        }
        int event = reader.next();
        if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
          if (!feedMore()) {
            releaseBetweenStanzas();
            return null;
          }
          continue;
        }
        StreamEvent found = handle(event);
        if (found != null) {
          return found;
        }
      }
    } catch (StreamError e) {
      ended = true;
      throw e;
    } catch (XMLStreamException | RuntimeException e) {
      // Aalto reports malformed input (bad syntax, mismatched tags, undeclared entities) as an
      // XMLStreamException, a bad character in text only once the text is read (as its
      // UncheckedStreamException), and some namespace errors as a bare RuntimeException (an
      // element named xmlns:p, found by StreamParserFuzzTest): whatever it throws, the input is
      // what broke it.
      ended = true;
      LOG.debug("malformed client stream: {}", e.toString());
      // Aalto's async parser rejects a DOCTYPE with an internal subset as a syntax error, but
      // RFC 6120 §11.1 names it restricted XML, so tell the two apart by the bytes.
      if (!headerSeen && prolog.indexOf("<!DOCTYPE") >= 0) {
        throw new StreamError(StreamError.RESTRICTED_XML, "DTDs are not allowed");
      }
      throw new StreamError(StreamError.NOT_WELL_FORMED, null);
    }
  }

  /** Holds whether the parser has an Aalto reader now; for tests of the release between stanzas. */
  boolean holdsReader() {
    return reader != null;
  }

  /**
   * A reader for the bytes from {@link #fed} on; after the header, fed the copy of the header and
   * read up to its start element, so that it is where the previous reader was.
   */
  private void startReader() throws XMLStreamException {
    reader = FACTORY.createAsyncForByteArray();
    readerBase = fed;
    if (resumeHeader == null) {
      return;
    }
    reader.getInputFeeder().feedInput(resumeHeader, 0, resumeHeader.length);
    readerBase = fed - resumeHeader.length;
    int event;
    do {
      event = reader.next();
    } while (event != XMLStreamConstants.START_ELEMENT && event != AsyncXMLStreamReader.EVENT_INCOMPLETE);
    if (event != XMLStreamConstants.START_ELEMENT) {
      throw new IllegalStateException("the copied stream header did not parse");
    }
  }

  /**
   * Lets go of the reader when it holds nothing but whitespace after the last stanza: what it was
   * given has all been read, and no stanza is open.
   */
  private void releaseBetweenStanzas() throws XMLStreamException {
    if (resumeHeader != null && open.isEmpty() && queued.isEmpty() && contentEnd <= boundary) {
      reader.close();
      reader = null;
      // Whitespace the reader had not reported yet goes with it; it means nothing between stanzas.
      boundary = fed;
    }
  }

  /**
   * The stream header as a start tag with only its name and namespace declarations: what a new
   * reader needs to read the stanzas that follow as the first one did.
   */
  private byte[] resumeHeader() {
    StringBuilder tag = new StringBuilder("<");
    String prefix = reader.getPrefix();
    if (prefix != null && !prefix.isEmpty()) {
      tag.append(prefix).append(':');
    }
    tag.append(reader.getLocalName());
    for (int i = 0; i < reader.getNamespaceCount(); i++) {
      String declared = reader.getNamespacePrefix(i);
      tag.append(declared == null || declared.isEmpty() ? " xmlns" : " xmlns:" + declared).append("='");
      XmlEscape.attribute(AaltoStreams.nonNull(reader.getNamespaceURI(i)), tag);
      tag.append('\'');
    }
    return tag.append('>').toString().getBytes(UTF_8);
  }

  /** An offset the reader reports, as an offset in the client's stream. */
  private long streamOffset(long readerOffset) {
    return readerBase + readerOffset;
  }

  /**
   * Hands Aalto the next bytes, no more than one past the limit of what it is reading and none
   * past the end of the well-formed UTF-8; false when there is nothing to feed yet.
   */
  private boolean feedMore() throws XMLStreamException {
    long limitEnd = headerSeen ? boundary + maxStanzaBytes : maxHeaderBytes;
    if (fed > limitEnd) {
      throw new StreamError(StreamError.POLICY_VIOLATION, headerSeen
          ? "stanza larger than " + maxStanzaBytes + " bytes"
          : "stream header larger than " + maxHeaderBytes + " bytes");
    }
    if (invalidUtf8) {
      throw new StreamError(StreamError.NOT_WELL_FORMED, "not UTF-8");
    }
    if (queued.isEmpty()) {
      return false;
    }
    byte[] chunk = queued.peek();
    int end = (int) Math.min(chunk.length, headOffset + (limitEnd + 1 - fed));
    int bad = utf8.firstInvalid(chunk, headOffset, end);
    if (bad >= 0) {
      invalidUtf8 = true;
      end = bad;
      if (end == headOffset) {
        throw new StreamError(StreamError.NOT_WELL_FORMED, "not UTF-8");
      }
    }
    // Aalto counts byte offsets from the start of the array it is fed, so a slice is copied.
    byte[] slice = headOffset == 0 && end == chunk.length ? chunk : Arrays.copyOfRange(chunk, headOffset, end);
    reader.getInputFeeder().feedInput(slice, 0, slice.length);
    int content = lastContent(slice);
    if (content >= 0) {
      contentEnd = fed + content + 1;
    }
    fed += end - headOffset;
    headOffset = end;
    if (headOffset == chunk.length) {
      queued.poll();
      headOffset = 0;
    }
    return true;
  }

  /** The index of the last byte of {@code bytes} that is not XML whitespace, or -1. */
  private static int lastContent(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      byte b = bytes[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return i;
      }
    }
    return -1;
  }

  private StreamEvent handle(int event) throws XMLStreamException {
    switch (event) {
      case XMLStreamConstants.START_ELEMENT:
        return startElement();
      case XMLStreamConstants.END_ELEMENT:
        return endElement();
      case XMLStreamConstants.CHARACTERS:
      case XMLStreamConstants.CDATA:
      case XMLStreamConstants.SPACE:
        characters();
        return null;
      case XMLStreamConstants.START_DOCUMENT:
        AaltoStreams.checkEncoding(reader);
        return null;
      case XMLStreamConstants.DTD:
      case XMLStreamConstants.COMMENT:
      case XMLStreamConstants.PROCESSING_INSTRUCTION:
      case XMLStreamConstants.ENTITY_REFERENCE:
      case XMLStreamConstants.ENTITY_DECLARATION:
      case XMLStreamConstants.NOTATION_DECLARATION:
        throw new StreamError(StreamError.RESTRICTED_XML, AaltoStreams.restriction(event));
      default:
        throw new StreamError(StreamError.NOT_WELL_FORMED, null);
    }
  }

  private StreamEvent startElement() throws XMLStreamException {
    if (!headerSeen) {
      headerSeen = true;
      prolog = null;
      boundary = streamOffset(reader.getLocationInfo().getEndingByteOffset());
      StreamHeader header = AaltoStreams.header(reader);
      resumeHeader = resumeHeader();
      return new StreamEvent.Opened(header);
    }
    int depth = open.size() + 2;
    if (depth > maxDepth) {
      throw new StreamError(StreamError.POLICY_VIOLATION, "elements nested deeper than " + maxDepth);
    }
    if (open.isEmpty()) {
      boundary = streamOffset(reader.getLocationInfo().getStartingByteOffset());
    }
    checkSize(streamOffset(reader.getLocationInfo().getEndingByteOffset()));
    Element.Builder b = Element.builder(reader.getLocalName(), AaltoStreams.nonNull(reader.getNamespaceURI()));
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String prefix = reader.getAttributePrefix(i);
      if (prefix == null || prefix.isEmpty()) {
        b.attribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
      } else if (XMLConstants.XML_NS_URI.equals(reader.getAttributeNamespace(i))) {
        b.attribute("xml:" + reader.getAttributeLocalName(i), reader.getAttributeValue(i));
      }
      // Attributes in other namespaces are dropped: Element cannot carry their declarations,
      // and no stanza rosterd handles uses them.
    }
    open.push(b);
    return null;
  }

  private StreamEvent endElement() throws XMLStreamException {
    if (open.isEmpty()) {
      ended = true;
      return new StreamEvent.Closed();
    }
    checkSize(streamOffset(reader.getLocationInfo().getEndingByteOffset()));
    Element done = open.pop().build();
    if (!open.isEmpty()) {
      open.peek().child(done);
      return null;
    }
    boundary = streamOffset(reader.getLocationInfo().getEndingByteOffset());
    return new StreamEvent.Stanza(done);
  }

  private void characters() throws XMLStreamException {
    if (open.isEmpty()) {
      // Whitespace keepalives between stanzas; any other text at stream level carries nothing.
      boundary = streamOffset(reader.getLocationInfo().getEndingByteOffset());
      return;
    }
    open.peek().text(reader.getText());
    checkSize(streamOffset(reader.getLocationInfo().getEndingByteOffset()));
  }

  /** Fails once the first-level element being read (or the gap before it) passes the limit. */
  private void checkSize(long position) {
    if (headerSeen && position - boundary > maxStanzaBytes) {
      throw new StreamError(
          StreamError.POLICY_VIOLATION, "stanza larger than " + maxStanzaBytes + " bytes");
    }
  }
}
