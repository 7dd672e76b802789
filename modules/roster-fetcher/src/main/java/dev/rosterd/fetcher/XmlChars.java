package dev.rosterd.fetcher;

/**
 * The characters XML 1.0 can carry (§2.2 {@code Char}: #x9 | #xA | #xD | [#x20-#xD7FF] |
 * [#xE000-#xFFFD] | [#x10000-#x10FFFF]). Roster names and groups from the web application end up in
 * XML sent to clients, and no escaping can write a character outside this set: a client's parser
 * rejects the whole stanza, so such characters are removed before anything else sees them.
 */
final class XmlChars {
  private XmlChars() {}

  /** {@code s} without the characters XML 1.0 forbids, lone surrogates included; {@code s} itself when it has none. */
  static String clean(String s) {
    if (isClean(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().filter(XmlChars::allowed).forEach(out::appendCodePoint);
    return out.toString();
  }

  static boolean isClean(String s) {
    return s.codePoints().allMatch(XmlChars::allowed);
  }

  /** A lone surrogate reads as a code point in D800–DFFF, outside every allowed range. */
  private static boolean allowed(int c) {
    return c == 0x9 || c == 0xA || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
