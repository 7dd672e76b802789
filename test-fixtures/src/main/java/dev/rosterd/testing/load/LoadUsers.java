package dev.rosterd.testing.load;

/**
 * The users of a load run: {@code <prefix>0} .. {@code <prefix>(N-1)} on one domain, each with the
 * password the pattern gives (every {@code %s} replaced by the username). The same naming serves
 * the fake backend, the clients, and the script that creates Prosody's accounts.
 *
 * @param prefix the username before the index, e.g. {@code user}
 * @param count N
 * @param domain the XMPP domain
 * @param passwordPattern e.g. {@code pw-%s}; without {@code %s}, every user has this password
 */
public record LoadUsers(String prefix, int count, String domain, String passwordPattern) {
  public LoadUsers {
    if (count < 1) {
      throw new IllegalArgumentException("--users must be at least 1");
    }
  }

  public String name(int index) {
    return prefix + index;
  }

  /** The index of {@code username}, or -1 when it is not one of the N. */
  public int index(String username) {
    if (!username.startsWith(prefix) || username.length() == prefix.length()) {
      return -1;
    }
    String digits = username.substring(prefix.length());
    if (digits.length() > 9 || (digits.length() > 1 && digits.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) {
        return -1;
      }
    }
    int i = Integer.parseInt(digits);
    return i < count ? i : -1;
  }

  public String password(String username) {
    return passwordPattern.replace("%s", username);
  }
}
