package dev.rosterd.c2s.stream;

import dev.rosterd.stanza.Element;

/** What the {@link XmppStreamParser} found on a client stream. */
public sealed interface StreamEvent {
  /** The client opened (or, after a restart, re-opened) the stream. */
  record Opened(StreamHeader header) implements StreamEvent {}

  /** A complete first-level element: a stanza or a negotiation element (auth, starttls...). */
  record Stanza(Element element) implements StreamEvent {}

  /** The client sent {@code </stream:stream>}. */
  record Closed() implements StreamEvent {}
}
