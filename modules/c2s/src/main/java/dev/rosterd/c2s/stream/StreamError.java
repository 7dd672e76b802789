package dev.rosterd.c2s.stream;

import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.XmlEscape;

/**
 * A stream-level error (RFC 6120 §4.9): unrecoverable for the stream it occurs on, which ends with
 * the error element and {@code </stream:stream>}. Thrown by the parser and the negotiation; the
 * connection turns it into bytes on the wire.
 */
public final class StreamError extends RuntimeException {
  /** RFC 6120 §4.9.3.1: the entity sent XML that is not allowed (e.g. more than it may). */
  public static final String BAD_FORMAT = "bad-format";
  /** RFC 6120 §4.9.3.4: another session bound the same full JID. */
  public static final String CONFLICT = "conflict";
  /** RFC 6120 §4.9.3.5: no traffic for too long, or not authenticated in time. */
  public static final String CONNECTION_TIMEOUT = "connection-timeout";
  /** RFC 6120 §4.9.3.6: the {@code to} of the stream header is not a domain served here. */
  public static final String HOST_UNKNOWN = "host-unknown";
  /** RFC 6120 §4.9.3.8: a server-side failure unrelated to what the client sent. */
  public static final String INTERNAL_SERVER_ERROR = "internal-server-error";
  /** RFC 6120 §4.9.3.10: wrong stream or content namespace. */
  public static final String INVALID_NAMESPACE = "invalid-namespace";
  /** RFC 6120 §4.9.3.12: a stanza before authentication and binding completed. */
  public static final String NOT_AUTHORIZED = "not-authorized";
  /** RFC 6120 §4.9.3.13: malformed XML. */
  public static final String NOT_WELL_FORMED = "not-well-formed";
  /** RFC 6120 §4.9.3.14: a local limit was exceeded (stanza size, depth, auth attempts). */
  public static final String POLICY_VIOLATION = "policy-violation";
  /** RFC 6120 §4.9.3.15: the server lacks the resources to service the stream (e.g. the client does not read). */
  public static final String RESOURCE_CONSTRAINT = "resource-constraint";
  /** RFC 6120 §4.9.3.18: a DTD, comment, processing instruction or entity (RFC 6120 §11.1). */
  public static final String RESTRICTED_XML = "restricted-xml";
  /** RFC 6120 §4.9.3.19: the server is being shut down. */
  public static final String SYSTEM_SHUTDOWN = "system-shutdown";
  /** RFC 6120 §4.9.3.21: a first-level element the server does not understand. */
  public static final String UNSUPPORTED_STANZA_TYPE = "unsupported-stanza-type";
  /** RFC 6120 §4.9.3.22: the stream is in an encoding other than UTF-8 (§11.6). */
  public static final String UNSUPPORTED_ENCODING = "unsupported-encoding";
  /** RFC 6120 §4.9.3.25: the stream header asked for a version the server does not speak. */
  public static final String UNSUPPORTED_VERSION = "unsupported-version";

  private final String condition;
  private final String text;

  /**
   * @param condition a defined condition of RFC 6120 §4.9.3, e.g. {@link #NOT_WELL_FORMED}
   * @param text a human-readable explanation for the client, or null
   */
  public StreamError(String condition, String text) {
    super(text == null ? condition : condition + ": " + text);
    this.condition = condition;
    this.text = text;
  }

  public String condition() {
    return condition;
  }

  /** The human-readable explanation, or null. */
  public String text() {
    return text;
  }

  /** The {@code <stream:error/>} element, for a stream that declared the {@code stream} prefix. */
  public String toXml() {
    StringBuilder out = new StringBuilder(160);
    out.append("<stream:error><").append(condition).append(" xmlns='")
        .append(Namespaces.STREAMS_ERRORS).append("'/>");
    if (text != null) {
      out.append("<text xmlns='").append(Namespaces.STREAMS_ERRORS).append("'>");
      XmlEscape.text(text, out);
      out.append("</text>");
    }
    return out.append("</stream:error>").toString();
  }
}
