package dev.rosterd.c2s.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code c2s.web.allowedOrigins}: which web pages may use this listener. A browser names the page's
 * origin in {@code Origin}; a WebSocket or a BOSH request from any other page is refused, and BOSH
 * and host-meta answer CORS for these origins only. A request without {@code Origin} comes from no browser page (a native
 * client, a test) and is let in: the check protects users' browsers, not the server.
 */
final class AllowedOrigins {
  private static final Logger LOG = LoggerFactory.getLogger(AllowedOrigins.class);
  /** Refused origins logged so far; past this many, no more are named (a flood of made-up origins). */
  private static final int MAX_LOGGED = 100;

  private final List<String> origins;
  private final boolean any;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  AllowedOrigins(List<String> origins) {
    this.origins = origins;
    this.any = origins.contains(WebListenerOptions.ANY_ORIGIN);
  }

  /** Whether a request with this {@code Origin} header (null when absent) may proceed. */
  boolean allows(String origin) {
    return origin == null || any || origins.contains(origin.toLowerCase(Locale.ROOT));
  }

  /** Logs a refused origin once: the operator sees which page was refused and what to change. */
  void refused(String origin, String what) {
    if (logged.size() < MAX_LOGGED && logged.add(what + " " + origin)) {
      LOG.warn("c2s.web refused {} from a page at {}: that origin is not in c2s.web.allowedOrigins {}"
          + " (add it there to let that page connect)", what, origin, origins);
    }
  }

  /** The CORS handler of the read-only endpoints (host-meta), or null when no other origin may read them. */
  CorsHandler cors() {
    return cors(HttpMethod.GET);
  }

  /**
   * The CORS handler of an endpoint that pages of these origins may call with {@code method}
   * (BOSH's POST with {@code Content-Type: text/xml}, which needs a preflight), or null when no
   * other origin may.
   */
  CorsHandler cors(HttpMethod method) {
    if (origins.isEmpty()) {
      return null;
    }
    // An empty CorsHandler allows every origin, which is what "*" asks for.
    CorsHandler cors = CorsHandler.create().allowedMethod(method).allowedHeader("Content-Type").maxAgeSeconds(3600);
    return any ? cors : cors.addOrigins(origins);
  }
}
