package dev.rosterd.c2s.transport;

import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamFraming;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * What carries one client's XML stream to and from the stream negotiation: a TCP socket today
 * ({@link TcpTransport}, on the STARTTLS port and the direct-TLS port), a WebSocket or a BOSH
 * session next. The negotiation (features, STARTTLS, SASL, bind, stream errors, limits) and the
 * session layer above it never see which.
 *
 * <p>Input is pulled: the transport calls the {@code readable} callback given to {@link #start}
 * when input arrived, and the negotiation takes events with {@link #next} until it returns null or
 * the negotiation waits for an asynchronous step (then it {@link #pause}s the transport). Every
 * method is called on {@link #context()}.
 */
public interface Transport {
  /**
   * Starts reading.
   *
   * @param readable called when input arrived (events may be ready for {@link #next})
   * @param closed called once when the connection is gone, for whatever reason
   */
  void start(Runnable readable, Runnable closed);

  /**
   * The next event of the client's stream, or null when none is complete yet.
   *
   * @throws StreamError when the input breaks the stream (not well-formed, too large, restricted)
   */
  StreamEvent next();

  /**
   * The next input is a new stream (RFC 6120 §4.3.3: after TLS and after SASL success).
   *
   * @param authenticated true after SASL success: the new stream gets the stanza limit of
   *     authenticated clients rather than the smaller one before authentication
   */
  void restartStream(boolean authenticated);

  /**
   * Writes serialised XML: a stanza, a negotiation element, or what {@link #framing()} made. Never
   * blocks and never refuses.
   *
   * @return false when what waits to be written to this client is past the transport's bound: the
   *     client is not reading, and the stream should end
   */
  boolean write(String xml);

  /** How the stream header, features, errors and close look on this transport. */
  StreamFraming framing();

  /** Stops taking input until {@link #resume}; input that already arrived stays queued. */
  void pause();

  void resume();

  /** True when the connection is encrypted (TLS here, or in front of us as the operator says). */
  boolean secure();

  /** True when STARTTLS may be offered: a plain TCP connection. */
  boolean canStartTls();

  /**
   * Writes {@code proceed} (RFC 6120 §5.4.2.3) and upgrades the connection to TLS; the returned
   * future completes when the handshake did. Input sent before the handshake is dropped.
   */
  Future<Void> startTls(String proceed);

  /** Closes the connection after what was written; {@code closed} follows. */
  void close();

  /** Closes the connection now, dropping what still waits to be written; {@code closed} follows. */
  void abort();

  /** The client's address and port, for logs. */
  String peer();

  /** The client's IP address alone, for per-address limits. */
  String peerHost();

  /** The Vert.x context every callback of this transport runs on. */
  Context context();
}
