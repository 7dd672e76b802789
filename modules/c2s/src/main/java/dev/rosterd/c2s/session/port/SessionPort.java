package dev.rosterd.c2s.session.port;

import dev.rosterd.stanza.Element;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;

/**
 * What a protocol handler (iq, presence, roster) may ask of the one bound session it serves. The
 * handlers live in the packages of their protocols and see the session only through this port, so
 * none of them reaches into the session or into each other.
 *
 * <p>Every method is called on the session's connection context.
 */
public interface SessionPort {
  /** The full JID the session is bound to. */
  EntityFullJid jid();

  /** Writes a stanza to the client now, unless the session is ending. */
  void send(Element stanza);

  /** Writes a stanza already serialised (as the archive keeps it) to the client now, unless the session is ending. */
  void sendXml(String xml);

  /**
   * Writes the reply to the client once it completes, not queued behind other steps (a roster get
   * may wait for the web application, and nothing after it should).
   */
  void sendWhenReady(Future<Optional<Element>> reply);

  /**
   * Runs {@code step} after every earlier step of this session (RFC 6120 §10.1, in-order
   * processing), back on the connection's context, and writes the reply it produced. A step that
   * fails answers a request with {@code internal-server-error} rather than silence.
   */
  void inOrder(Element stanza, Supplier<Future<Optional<Element>>> step);

  /**
   * As {@link #inOrder(Element, Supplier)} for a step whose answer is several stanzas already
   * serialised, written in order (a XEP-0313 query: result messages, then the iq result).
   */
  void inOrderXml(Element stanza, Supplier<Future<List<String>>> step);

  /** As {@link #inOrder(Element, Supplier)} for work that answers nobody; {@code what} names it in logs. */
  void inOrderSilently(String what, Supplier<Future<Void>> step);

  /** The local contacts of the user's roster (the only ones presence can reach without s2s). */
  Future<List<BareJid>> contacts();
}
