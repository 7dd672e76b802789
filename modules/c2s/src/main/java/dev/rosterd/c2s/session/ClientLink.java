package dev.rosterd.c2s.session;

import dev.rosterd.stanza.Element;
import io.vertx.core.Context;

/**
 * The stream layer's side of one client connection, as the session layer sees it once a resource
 * is bound. Implemented by the connection; every method must be called on {@link #context()}.
 */
public interface ClientLink {
  /** Writes a stanza to the client. */
  void send(Element stanza);

  /** Writes an already serialised stanza to the client (routed stanzas arrive as XML text). */
  void sendXml(String xml);

  /**
   * Ends the stream with a stream error (RFC 6120 §4.9): the error, {@code </stream:stream>}, then
   * the socket is closed.
   *
   * @param condition a defined condition, e.g. {@code conflict}
   * @param text a human-readable text, or null
   */
  void closeWithStreamError(String condition, String text);

  /** The Vert.x context of the connection; the session layer's callbacks run on it. */
  Context context();
}
