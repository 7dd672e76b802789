package dev.rosterd.auth;

import dev.rosterd.common.jid.Jids;
import java.util.Optional;

/** Usernames as local parts of JIDs, normalised with PRECIS (RFC 7622), so "Alice" is "alice". */
final class Usernames {
  private Usernames() {}

  /** The normalised local part, or empty when the name cannot be one. */
  static Optional<String> normalise(String username, String domain) {
    if (username == null) {
      return Optional.empty();
    }
    return Jids.bare(username, domain).map(j -> j.getLocalpart().toString());
  }
}
