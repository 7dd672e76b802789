package dev.rosterd.fetcher;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The origin of an http or https URL (RFC 6454 §4): scheme, host and port, the default port made
 * explicit. The configured headers go only to the origin of {@code http_roster_url}.
 */
record Origin(String scheme, String host, int port) {

  /** The origin of {@code uri}; empty when it is not an absolute http or https URL with a host. */
  static Optional<Origin> of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      return Optional.empty();
    }
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
    return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
  }
}
