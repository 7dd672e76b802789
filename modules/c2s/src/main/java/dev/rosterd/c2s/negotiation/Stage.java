package dev.rosterd.c2s.negotiation;

import java.util.EnumSet;
import java.util.Set;

/**
 * How far a client connection has come (RFC 6120 §4-§7). Each stage names the only stages that may
 * follow it, and {@link #then} refuses any other, so no code path can, say, bind before
 * authenticating or authenticate twice.
 */
enum Stage {
  /** Bound to a resource: stanzas flow to the session layer. */
  BOUND,
  /** SASL succeeded; the stream was restarted and the client must bind a resource. */
  AUTHENTICATED,
  /** TLS is in place (after STARTTLS, or from the first byte on the direct TLS port). */
  SECURED,
  /** A fresh plain-text connection. */
  CONNECTED;

  private Set<Stage> next;

  static {
    BOUND.next = EnumSet.noneOf(Stage.class);
    AUTHENTICATED.next = EnumSet.of(BOUND);
    SECURED.next = EnumSet.of(AUTHENTICATED);
    CONNECTED.next = EnumSet.of(SECURED, AUTHENTICATED);
  }

  /** The stage {@code to}, if it may follow this one. */
  Stage then(Stage to) {
    if (!next.contains(to)) {
      throw new IllegalStateException("a connection cannot go from " + this + " to " + to);
    }
    return to;
  }
}
