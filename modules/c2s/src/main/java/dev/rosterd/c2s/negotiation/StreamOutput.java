package dev.rosterd.c2s.negotiation;

import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.transport.Transport;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What the server writes on one stream, in the transport's framing: the stream header once per
 * stream, then anything until the stream ends; after that nothing more is written.
 */
final class StreamOutput {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Transport transport;
  private final String domain;
  private boolean headerSent;
  private boolean ended;

  private final Runnable overflowed;

  /** @param overflowed called when the client is not reading what is written (the transport's bound is passed) */
  StreamOutput(Transport transport, String domain, Runnable overflowed) {
    this.transport = transport;
    this.domain = domain;
    this.overflowed = overflowed;
  }

  /** Writes the response header (RFC 6120 §4.7), with a fresh stream id. */
  void open(String lang) {
    write(transport.framing().open(domain, newId(), lang));
    headerSent = true;
  }

  /** The stream restarts (after TLS or SASL success): the next header is a new one. */
  void restarted() {
    headerSent = false;
  }

  void write(String xml) {
    if (!ended && !transport.write(xml)) {
      overflowed.run();
    }
  }

  /** True once the stream has ended (by either side, or by the connection going). */
  boolean ended() {
    return ended;
  }

  /** The stream is over without anything more to write (the connection is gone or failed). */
  void end() {
    ended = true;
  }

  /** Answers the client's {@code </stream:stream>} and closes the connection. */
  void close() {
    write(transport.framing().close());
    ended = true;
    transport.close();
  }

  /**
   * Ends the stream with a stream error (RFC 6120 §4.9): the error, the end of the stream, then
   * the connection is closed.
   */
  void fail(StreamError error) {
    if (!ended) {
      writeError(error);
      transport.close();
    }
  }

  /**
   * As {@link #fail}, for a client that does not read: the error is written in case it does after
   * all, and the connection is closed at once, dropping what waits to be written.
   */
  void abort(StreamError error) {
    if (!ended) {
      writeError(error);
      transport.abort();
    }
  }

  private void writeError(StreamError error) {
    if (!headerSent) {
      // RFC 6120 §4.9.1.1: the error goes in a stream, so open one first if we had not.
      transport.write(transport.framing().open(domain, newId(), null));
      headerSent = true;
    }
    // Three writes, not one: over WebSocket each must be a message of its own (RFC 7395 §3.3.3).
    transport.write(transport.framing().error(error));
    transport.write(transport.framing().close());
    ended = true;
  }

  private static String newId() {
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
