package dev.rosterd.fetcher;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Config of the roster fetcher, section {@value #SECTION}. Example:
 *
 * <pre>{@code
 * "rosterFetcher": {
 *   "http_roster_url": "https://app.example.com/contacts/%s",
 *   "headers": {"Authorization": "Bearer s3cret"},
 *   "timeoutMs": 5000, "maxBodyBytes": 1048576, "maxInFlight": 32, "maxInFlightPerUser": 2,
 *   "followCrossOriginRedirects": false
 * }
 * }</pre>
 */
public final class RosterFetcherOptions {
  public static final String SECTION = "rosterFetcher";

  /**
   * {@code http_roster_url} (required, same name and meaning as in Prosody's mod_http_roster_admin):
   * the URL GET for a user's roster; every {@code %s} is replaced by the RFC 3986 percent-encoded
   * username. Must be an absolute http or https URL.
   */
  public static final String HTTP_ROSTER_URL = "http_roster_url";

  /**
   * {@code headers}: extra request headers sent with every roster request to the origin (scheme,
   * host, port) of {@code http_roster_url}, e.g. a token the web application wants; never to
   * another origin a redirect leads to. Default: none.
   */
  public static final Map<String, String> DEFAULT_HEADERS = Map.of();

  /**
   * {@code timeoutMs}: how long one roster request may take in all (connect, wait, body) before the
   * fetch fails. Default 5000.
   */
  public static final int DEFAULT_TIMEOUT_MS = 5000;

  /**
   * {@code maxBodyBytes}: the largest roster body accepted; a longer one fails the fetch rather than
   * fill memory. Default 1 MiB.
   */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /**
   * {@code maxInFlight}: how many roster requests one fetcher instance has open against the web
   * application at once; more wait in a queue (a refresh of thousands of users must not open
   * thousands of connections). The HTTP client's pool has as many connections per origin, so a
   * request let through never waits for a connection. Default 32.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT = 32;

  /**
   * {@code maxInFlightPerUser}: how many of the {@code maxInFlight} requests may be for one user;
   * further fetches of that user wait for one of them to end (they are not refused: the later one
   * is usually a refresh whose answer is the newer roster). A user whose backend answers slowly
   * so holds at most this many slots, for at most {@code timeoutMs} each. Default 2.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT_PER_USER = 2;

  /**
   * {@code followCrossOriginRedirects}: whether a redirect to another origin (scheme, host or port)
   * than {@code http_roster_url}'s is followed. When false, such a redirect fails the fetch with a
   * reason naming its Location; when true it is followed but without the configured {@code
   * headers}. Redirects within the origin are always followed, up to {@value #MAX_REDIRECTS}.
   * Default false.
   */
  public static final boolean DEFAULT_FOLLOW_CROSS_ORIGIN_REDIRECTS = false;

  /** The most redirects one fetch follows (as many as Vert.x's HTTP client follows by default). */
  public static final int MAX_REDIRECTS = 16;

  private final String domain;
  private final String rosterUrl;
  private final Map<String, String> headers;
  private final int timeoutMs;
  private final int maxBodyBytes;
  private final int maxInFlight;
  private final int maxInFlightPerUser;
  private final boolean followCrossOriginRedirects;

  public RosterFetcherOptions(JsonObject deploymentConfig) {
    ConfigReader r = new ConfigReader(deploymentConfig, SECTION);
    domain = r.requiredString("domain");
    rosterUrl = r.requiredString(HTTP_ROSTER_URL);
    checkUrl(r, rosterUrl);
    headers = r.has("headers") ? Map.copyOf(r.stringMap("headers")) : DEFAULT_HEADERS;
    timeoutMs = r.integer("timeoutMs", DEFAULT_TIMEOUT_MS, 1, 600_000);
    maxBodyBytes = r.integer("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 2, 256 * 1024 * 1024);
    maxInFlight = r.integer("maxInFlight", DEFAULT_MAX_IN_FLIGHT, 1, 10_000);
    maxInFlightPerUser = r.integer("maxInFlightPerUser", DEFAULT_MAX_IN_FLIGHT_PER_USER, 1, 10_000);
    followCrossOriginRedirects = r.bool("followCrossOriginRedirects", DEFAULT_FOLLOW_CROSS_ORIGIN_REDIRECTS);
    r.rejectUnknownKeys();
  }

  private static void checkUrl(ConfigReader r, String url) {
    if (!url.contains("%s")) {
      throw r.invalid(HTTP_ROSTER_URL, "must contain %s where the username goes, got \"" + url + "\"");
    }
    try {
      URI u = new URI(url.replace("%s", "user"));
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw r.invalid(HTTP_ROSTER_URL, "expected an absolute http or https URL, got \"" + url + "\"");
      }
    } catch (URISyntaxException e) {
      throw r.invalid(HTTP_ROSTER_URL, "not a URL (" + e.getMessage() + ")");
    }
  }

  public String domain() {
    return domain;
  }

  public String rosterUrl() {
    return rosterUrl;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public int timeoutMs() {
    return timeoutMs;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public int maxInFlightPerUser() {
    return maxInFlightPerUser;
  }

  public boolean followCrossOriginRedirects() {
    return followCrossOriginRedirects;
  }
}
