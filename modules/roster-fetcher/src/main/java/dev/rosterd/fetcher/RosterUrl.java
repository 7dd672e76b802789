package dev.rosterd.fetcher;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The URL of one user's roster: {@code http_roster_url} with every {@code %s} replaced by the
 * username percent-encoded as RFC 3986 §2.1 says, every UTF-8 byte outside the unreserved set
 * ({@code A-Z a-z 0-9 - . _ ~}) as {@code %XX}. So {@code zoë}, {@code hash#tag}, {@code pct%41},
 * {@code a b} and {@code a/b} reach the web application as the names they are (the reference sent
 * them raw, and lost part of them).
 *
 * <p>The usernames {@code .} and {@code ..} are the one exception to "unreserved stays as it is":
 * as a path segment they mean the folder and its parent (RFC 3986 §5.2.4), so a web application
 * that resolves its paths would serve another resource than that user's roster. They are sent as
 * {@code %2E} and {@code %2E%2E}, which RFC 3986 §2.3 makes the same name and no URL resolver
 * removes.
 */
final class RosterUrl {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*:)[^/@]*@");

  private RosterUrl() {}

  static String of(String template, String username) {
    return template.replace("%s", encode(username));
  }

  /** The URL as it may be logged: a password in its user-info part replaced by {@code ***}. */
  static String withoutCredentials(String url) {
    return USERINFO.matcher(url).replaceFirst("$1***@");
  }

  static String encode(String s) {
    if (s.equals(".") || s.equals("..")) {
      return s.replace(".", "%2E");
    }
    StringBuilder out = new StringBuilder(s.length() * 3);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (unreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean unreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
