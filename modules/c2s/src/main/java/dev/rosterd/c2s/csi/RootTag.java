package dev.rosterd.c2s.csi;

/** Reads an attribute of the root start tag of a stanza serialised by rosterd ({@code name='value'}). */
final class RootTag {
  private RootTag() {}

  /** The value of {@code name} on the root element, still escaped, or "" when absent. */
  static String attribute(String xml, String name) {
    int end = xml.indexOf('>');
    String tag = end < 0 ? xml : xml.substring(0, end);
    String key = " " + name + "='";
    int at = tag.indexOf(key);
    if (at < 0) {
      return "";
    }
    int start = at + key.length();
    int close = tag.indexOf('\'', start);
    return close < 0 ? "" : tag.substring(start, close);
  }
}
