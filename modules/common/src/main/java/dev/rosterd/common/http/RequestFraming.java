package dev.rosterd.common.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The framing rules an HTTP/1.1 request head must meet before any of it is acted on, so that this
 * server and any proxy in front of it cannot disagree on where one request ends and the next
 * begins (request smuggling). Netty's decoder, underneath Vert.x, is lenient where these rules let
 * a server choose: it drops a {@code Content-Length} sent beside {@code Transfer-Encoding: chunked}
 * and keeps the connection open, reads a request with an unknown transfer coding as having no
 * body, and merges an obs-folded line into the line before it, so a request handler can no longer
 * tell. The head is therefore checked as raw text, here, before the decoder reads it ({@link
 * StrictRequestDecoder}).
 *
 * <p>Rejected, each answered {@code 400 Bad Request} with the connection closed:
 *
 * <ul>
 *   <li>obs-fold, a field line that begins with a space or tab (RFC 9112 §5.2: a server MUST
 *       reject it with 400 or replace it; we reject);
 *   <li>whitespace between a field name and its colon, and a field line without a colon (RFC 9112
 *       §5.1, §5);
 *   <li>a bare CR anywhere in the head (RFC 9112 §2.2);
 *   <li>both {@code Content-Length} and {@code Transfer-Encoding} (RFC 9112 §6.1, §6.3 point 3: a
 *       server MAY reject it and MUST close the connection after responding);
 *   <li>{@code Transfer-Encoding} other than exactly one field {@code chunked}: another coding, a
 *       list, or the field twice (RFC 9112 §6.3 point 4 requires 400 when chunked is not the final
 *       coding; rosterd implements no other coding, and answers 400 rather than 501 for them so
 *       that one rule covers every unusual framing);
 *   <li>{@code Transfer-Encoding} in an HTTP/1.0 request (RFC 9112 §6.1: its framing MUST be
 *       treated as faulty);
 *   <li>{@code Content-Length} that is not 1*DIGIT, too large to count, a list, or sent twice
 *       (RFC 9112 §6.3 point 5: an invalid length is unrecoverable and MUST be rejected with 400;
 *       RFC 9110 §8.6 lets a recipient reject repeated values).
 * </ul>
 */
public final class RequestFraming {
  private RequestFraming() {}

  /**
   * The first framing rule {@code head} breaks, as a sentence for the client, or empty when it
   * breaks none.
   *
   * @param head the request line and field lines as received, each ended by CRLF (or LF), the
   *     empty line that ends the head optional; ISO-8859-1, one char per byte
   */
  public static Optional<String> problem(String head) {
    if (head.indexOf('\r') >= 0 && head.replace("\r\n", "").indexOf('\r') >= 0) {
      return Optional.of("a bare CR in the request head (RFC 9112 §2.2)");
    }
    String[] lines = head.split("\r?\n", -1);
    List<String> lengths = new ArrayList<>();
    List<String> codings = new ArrayList<>();
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        return Optional.of("a header line continued on the next line (obs-fold, RFC 9112 §5.2)");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        return Optional.of("a header line without a field name and colon (RFC 9112 §5)");
      }
      String name = line.substring(0, colon);
      if (name.endsWith(" ") || name.endsWith("\t")) {
        return Optional.of("whitespace between a header name and its colon (RFC 9112 §5.1)");
      }
      String value = line.substring(colon + 1).strip();
      switch (name.toLowerCase(Locale.ROOT)) {
        case "content-length" -> lengths.add(value);
        case "transfer-encoding" -> codings.add(value);
        default -> { }
      }
    }
    return framing(lines[0], lengths, codings);
  }

  private static Optional<String> framing(String requestLine, List<String> lengths, List<String> codings) {
    if (!lengths.isEmpty() && !codings.isEmpty()) {
      return Optional.of("both Content-Length and Transfer-Encoding (RFC 9112 §6.1)");
    }
    if (!codings.isEmpty()) {
      if (requestLine.endsWith(" HTTP/1.0")) {
        return Optional.of("Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)");
      }
      if (codings.size() > 1 || !codings.get(0).equalsIgnoreCase("chunked")) {
        return Optional.of("Transfer-Encoding other than chunked (RFC 9112 §6.3)");
      }
    }
    if (lengths.size() > 1) {
      return Optional.of("more than one Content-Length (RFC 9112 §6.3)");
    }
    if (lengths.size() == 1 && !validLength(lengths.get(0))) {
      return Optional.of("a Content-Length that is not a decimal number of bytes (RFC 9112 §6.3)");
    }
    return Optional.empty();
  }

  /** 1*DIGIT, and small enough to count: 18 digits always fit a long. */
  private static boolean validLength(String value) {
    if (value.isEmpty() || value.length() > 18) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
