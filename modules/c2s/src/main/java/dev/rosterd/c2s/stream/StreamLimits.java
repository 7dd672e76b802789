package dev.rosterd.c2s.stream;

/**
 * The byte limits a client stream is read under, from its first byte: the stream header (and
 * anything before it) has its own small cap, and a client that has not authenticated gets a
 * smaller stanza budget than one that has, so an unauthenticated connection can make the server
 * hold only a few KiB.
 *
 * @param maxHeaderBytes the most bytes from the start of a stream to the end of its header
 * @param maxStanzaBytesBeforeAuth the largest first-level element before SASL success
 * @param maxStanzaBytes the largest first-level element after SASL success
 * @param maxDepth the deepest element nesting accepted, counting the stream header as 1
 */
public record StreamLimits(int maxHeaderBytes, int maxStanzaBytesBeforeAuth, int maxStanzaBytes, int maxDepth) {

  /** A parser for a new stream of a client that has (or has not yet) authenticated. */
  public XmppStreamParser parser(boolean authenticated) {
    return new XmppStreamParser(
        maxHeaderBytes, authenticated ? maxStanzaBytes : maxStanzaBytesBeforeAuth, maxDepth);
  }
}
