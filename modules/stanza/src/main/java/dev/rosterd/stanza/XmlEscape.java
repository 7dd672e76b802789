package dev.rosterd.stanza;

/** Escaping of character data and attribute values, the only two contexts a server writes. */
public final class XmlEscape {
  private XmlEscape() {}

  public static void text(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        default -> out.append(c);
      }
    }
  }

  public static void attribute(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\'' -> out.append("&apos;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append("&#9;");
        default -> out.append(c);
      }
    }
  }

  /** Escapes for an attribute value; used for stream headers written by hand. */
  public static String attribute(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    attribute(s, out);
    return out.toString();
  }
}
