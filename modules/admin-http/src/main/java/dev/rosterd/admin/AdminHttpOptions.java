package dev.rosterd.admin;

import dev.rosterd.common.config.ConfigReader;
import dev.rosterd.common.http.HttpListenerLimits;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Config of the admin HTTP router, section {@value #SECTION}. Example:
 *
 * <pre>{@code
 * "admin": {
 *   "host": "127.0.0.1", "port": 5280,
 *   "tlsPort": 5281, "tlsCertPath": "conf/admin-cert.pem", "tlsKeyPath": "conf/admin-key.pem",
 *   "token": "long-random-string", "maxConcurrentRefreshes": 16,
 *   "maxConnections": 256, "requestReadTimeoutMs": 30000, "idleTimeoutSeconds": 180
 * }
 * }</pre>
 */
public final class AdminHttpOptions {
  public static final String SECTION = "admin";

  /**
   * {@code host}: the address the admin listeners bind. Anything but a loopback address needs a
   * {@code token}. Default 127.0.0.1.
   */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** {@code port}: the plain HTTP port of {@code /roster_admin/*}; 0 picks a free one. Default 5280. */
  public static final int DEFAULT_PORT = 5280;

  /**
   * {@code tlsPort}: an HTTPS port beside the plain one (the reference used 5281), with {@code
   * tlsCertPath} and {@code tlsKeyPath} (PEM files, relative to the working directory); 0 picks a
   * free one. Default -1: no HTTPS listener.
   */
  public static final int DEFAULT_TLS_PORT = -1;

  /**
   * {@code token}: when set, every {@code /roster_admin/*} and {@code /admin/*} request needs {@code
   * Authorization: Bearer <token>} (and {@code /metrics}, {@code /health} if {@code metricsNeedToken},
   * {@code healthNeedsToken} say so). Default: none, which is allowed on a loopback host only.
   */
  public static final String DEFAULT_TOKEN = null;

  /**
   * {@code metricsNeedToken}: whether {@code GET /metrics} needs the bearer token too. Default
   * false: a Prometheus scraper on the admin network reads it without one.
   */
  public static final boolean DEFAULT_METRICS_NEED_TOKEN = false;

  /**
   * {@code healthNeedsToken}: whether {@code GET /health} needs the bearer token too. Default false,
   * so that a load balancer's health check needs no secret.
   */
  public static final boolean DEFAULT_HEALTH_NEEDS_TOKEN = false;

  /**
   * {@code maxConcurrentRefreshes}: how many user refreshes this router has in flight at once,
   * across all requests; the rest wait their turn. Default 16.
   */
  public static final int DEFAULT_MAX_CONCURRENT_REFRESHES = 16;

  /** {@code maxBodyBytes}: the largest refresh body accepted; a larger one is 413. Default 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /**
   * {@code refreshTimeoutMs}: how long one user's refresh may take (waiting for a fetch already in
   * flight, then its own) before it counts as an error. Default 120000, above the cache's lock and
   * fetch timeouts together.
   */
  public static final int DEFAULT_REFRESH_TIMEOUT_MS = 120_000;

  /**
   * {@code maxConnections}: connections open at once on the admin listeners of this node (plain
   * and HTTPS together); one more is answered 503 and closed at once, logged at most once a
   * minute. Default 256.
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

  /**
   * {@code requestReadTimeoutMs}: how long a client may take to send one whole request, head and
   * body, counted from the connection's opening (for a later request on a kept-alive connection,
   * from its first byte). Past it, a client whose head is still incomplete gets 408; one whose body
   * is still arriving is disconnected. Default 30000.
   */
  public static final int DEFAULT_REQUEST_READ_TIMEOUT_MS = 30_000;

  /**
   * {@code idleTimeoutSeconds}: a connection that neither sends nor receives a byte this long is
   * closed. It also runs while a refresh or redeploy is being worked on, so it must exceed {@code
   * refreshTimeoutMs} and the 60 s a redeploy may take. Default 180.
   */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 180;

  /**
   * {@code maxHeaderBytes}: the largest request head (request line and header lines) accepted; a
   * larger one is 431. Default 8192.
   */
  public static final int DEFAULT_MAX_HEADER_BYTES = 8192;

  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

  private final String domain;
  private final String host;
  private final int port;
  private final int tlsPort;
  private final String tlsCertPath;
  private final String tlsKeyPath;
  private final String token;
  private final boolean metricsNeedToken;
  private final boolean healthNeedsToken;
  private final int maxConcurrentRefreshes;
  private final int maxBodyBytes;
  private final int refreshTimeoutMs;
  private final HttpListenerLimits limits;

  public AdminHttpOptions(JsonObject deploymentConfig) {
    ConfigReader r = new ConfigReader(deploymentConfig, SECTION);
    domain = r.requiredString("domain");
    host = r.string("host", DEFAULT_HOST);
    port = r.integer("port", DEFAULT_PORT, 0, 65535);
    tlsPort = r.integer("tlsPort", DEFAULT_TLS_PORT, -1, 65535);
    tlsCertPath = tlsPort < 0 ? r.string("tlsCertPath", null) : r.requiredString("tlsCertPath");
    tlsKeyPath = tlsPort < 0 ? r.string("tlsKeyPath", null) : r.requiredString("tlsKeyPath");
    token = r.string("token", DEFAULT_TOKEN);
    if (token != null && token.length() < 16) {
      throw r.invalid("token", "too short to be secret (at least 16 characters)");
    }
    if (token == null && !loopback(host)) {
      throw r.invalid("host", "\"" + host + "\" is not a loopback address; binding the admin endpoints"
          + " there needs a token (admin.token), or bind 127.0.0.1");
    }
    metricsNeedToken = r.bool("metricsNeedToken", DEFAULT_METRICS_NEED_TOKEN);
    healthNeedsToken = r.bool("healthNeedsToken", DEFAULT_HEALTH_NEEDS_TOKEN);
    if (token == null && metricsNeedToken) {
      throw r.invalid("metricsNeedToken", "needs a token (admin.token) to check");
    }
    if (token == null && healthNeedsToken) {
      throw r.invalid("healthNeedsToken", "needs a token (admin.token) to check");
    }
    maxConcurrentRefreshes = r.integer("maxConcurrentRefreshes", DEFAULT_MAX_CONCURRENT_REFRESHES, 1, 10_000);
    maxBodyBytes = r.integer("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 2, 256 * 1024 * 1024);
    refreshTimeoutMs = r.integer("refreshTimeoutMs", DEFAULT_REFRESH_TIMEOUT_MS, 1, 3_600_000);
    limits = limits(r, Math.max(refreshTimeoutMs, OperationsRoutes.REDEPLOY_TIMEOUT_MS));
    r.rejectUnknownKeys();
  }

  private static HttpListenerLimits limits(ConfigReader r, long longestAnswerMs) {
    int maxConnections = r.integer("maxConnections", DEFAULT_MAX_CONNECTIONS, 1, 100_000);
    int readTimeoutMs = r.integer("requestReadTimeoutMs", DEFAULT_REQUEST_READ_TIMEOUT_MS, 1, 3_600_000);
    int idleSeconds = r.integer("idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT_SECONDS, 1, 86_400);
    if (idleSeconds * 1000L <= longestAnswerMs) {
      throw r.invalid("idleTimeoutSeconds", idleSeconds + " s would cut a connection waiting for its answer;"
          + " it must exceed refreshTimeoutMs and the " + OperationsRoutes.REDEPLOY_TIMEOUT_MS / 1000
          + " s a redeploy may take (" + longestAnswerMs + " ms here)");
    }
    int maxHeaderBytes = r.integer("maxHeaderBytes", DEFAULT_MAX_HEADER_BYTES, 256, 1024 * 1024);
    return new HttpListenerLimits(maxConnections, readTimeoutMs, idleSeconds, maxHeaderBytes);
  }

  static boolean loopback(String host) {
    return host.equals("localhost") || host.equals("::1") || host.equals("[::1]")
        || LOOPBACK_V4.matcher(host).matches();
  }

  public String domain() {
    return domain;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Optional<Integer> tlsPort() {
    return tlsPort < 0 ? Optional.empty() : Optional.of(tlsPort);
  }

  public String tlsCertPath() {
    return tlsCertPath;
  }

  public String tlsKeyPath() {
    return tlsKeyPath;
  }

  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  public boolean metricsNeedToken() {
    return metricsNeedToken;
  }

  public boolean healthNeedsToken() {
    return healthNeedsToken;
  }

  public int maxConcurrentRefreshes() {
    return maxConcurrentRefreshes;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public int refreshTimeoutMs() {
    return refreshTimeoutMs;
  }

  /** {@code maxConnections}, {@code requestReadTimeoutMs}, {@code idleTimeoutSeconds}, {@code maxHeaderBytes}. */
  public HttpListenerLimits limits() {
    return limits;
  }
}
