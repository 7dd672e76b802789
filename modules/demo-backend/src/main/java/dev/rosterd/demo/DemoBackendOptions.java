package dev.rosterd.demo;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Config of the demo backend, section {@value #SECTION}. Example (the shipped config):
 *
 * <pre>{@code
 * "demoBackend": {
 *   "port": 8080, "rostersFile": "conf/demo-rosters.json",
 *   "refreshUrl": "http://127.0.0.1:5280/roster_admin/refresh",
 *   "tokenSecret": "the same secret as auth.tokens.secret, 32 characters or more",
 *   "websocketUrl": "ws://127.0.0.1:5290/xmpp-websocket",
 *   "transport": "websocket", "boshUrl": "http://127.0.0.1:5290/http-bind"
 * }
 * }</pre>
 *
 * <p>With a {@code tokenSecret} the demo backend also serves the demo page: a login as one of the
 * users of the rosters file, then Converse.js signed on with a token from {@code GET /credentials}.
 */
public final class DemoBackendOptions {
  public static final String SECTION = "demoBackend";

  /** {@code host}: the address the roster endpoint binds. Default 127.0.0.1. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /**
   * {@code port}: the port of {@code GET /roster/<username>}, the URL {@code
   * rosterFetcher.http_roster_url} points to; 0 picks a free one. Default 8080.
   */
  public static final int DEFAULT_PORT = 8080;

  /**
   * {@code rostersFile}: the JSON file with every user's roster, {@code {"<username>": {"<contact
   * JID>": {"name": "...", "groups": [...]}}}}; relative to the working directory. Default {@code
   * conf/demo-rosters.json}.
   */
  public static final String DEFAULT_ROSTERS_FILE = "conf/demo-rosters.json";

  /**
   * {@code refreshUrl}: where the usernames whose roster changed in the file are POSTed. Default
   * {@code http://127.0.0.1:5280/roster_admin/refresh} (the admin router's default port).
   */
  public static final String DEFAULT_REFRESH_URL = "http://127.0.0.1:5280/roster_admin/refresh";

  /** {@code token}: the admin bearer token ({@code admin.token}) to send. Default: none. */
  public static final String DEFAULT_TOKEN = null;

  /** {@code scanPeriodMs}: every how many milliseconds the file is read again. Default 1000. */
  public static final int DEFAULT_SCAN_PERIOD_MS = 1000;

  /**
   * {@code tokenSecret}: the HS256 secret the single sign-on tokens of {@code GET /credentials} are
   * signed with, the same as rosterd's {@code auth.tokens.secret}; at least {@value
   * #MIN_TOKEN_SECRET_CHARS} characters. Default: none, and then no demo page or sign-on is served.
   */
  public static final String DEFAULT_TOKEN_SECRET = null;

  /** Shortest {@code tokenSecret}: the same 256 bits rosterd asks of {@code auth.tokens.secret}. */
  public static final int MIN_TOKEN_SECRET_CHARS = 32;

  /**
   * {@code tokenLifetimeSeconds}: how long a minted token is valid ({@code exp}), 10 to 3600. The
   * client fetches a fresh one for every login, so a short life costs nothing. Default 120.
   */
  public static final int DEFAULT_TOKEN_LIFETIME_SECONDS = 120;

  /**
   * {@code websocketUrl}: the URL the demo page's browser opens for XMPP over WebSocket (the
   * c2s's web listener as the browser reaches it, which behind a proxy differs from its bind
   * address); absolute ws or wss. Default {@code ws://127.0.0.1:5290/xmpp-websocket}.
   */
  public static final String DEFAULT_WEBSOCKET_URL = "ws://127.0.0.1:5290/xmpp-websocket";

  /**
   * {@code boshUrl}: the URL the demo page's browser POSTs BOSH bodies to (XEP-0124/0206, the
   * c2s's {@code c2s.web.boshPath} as the browser reaches it); absolute http or https. Used only
   * with {@code "transport": "bosh"}. Default {@code http://127.0.0.1:5290/http-bind}.
   */
  public static final String DEFAULT_BOSH_URL = "http://127.0.0.1:5290/http-bind";

  /** {@code transport} {@value}: the demo page connects over XMPP over WebSocket ({@code websocketUrl}). */
  public static final String WEBSOCKET = "websocket";

  /** {@code transport} {@value}: the demo page connects over BOSH ({@code boshUrl}). */
  public static final String BOSH = "bosh";

  /**
   * {@code transport}: how the demo page's Converse.js connects to rosterd, {@value #WEBSOCKET} or
   * {@value #BOSH} (for browsers behind proxies that let no WebSocket through). Default {@value
   * #WEBSOCKET}.
   */
  public static final String DEFAULT_TRANSPORT = WEBSOCKET;

  private final String domain;
  private final String host;
  private final int port;
  private final String rostersFile;
  private final String refreshUrl;
  private final String token;
  private final int scanPeriodMs;
  private final String tokenSecret;
  private final int tokenLifetimeSeconds;
  private final String websocketUrl;
  private final String boshUrl;
  private final String transport;

  public DemoBackendOptions(JsonObject deploymentConfig) {
    ConfigReader r = new ConfigReader(deploymentConfig, SECTION);
    domain = r.requiredString("domain");
    host = r.string("host", DEFAULT_HOST);
    port = r.integer("port", DEFAULT_PORT, 0, 65535);
    rostersFile = r.string("rostersFile", DEFAULT_ROSTERS_FILE);
    refreshUrl = r.string("refreshUrl", DEFAULT_REFRESH_URL);
    checkAbsolute(r, "refreshUrl", refreshUrl, "http", "https");
    token = r.string("token", DEFAULT_TOKEN);
    scanPeriodMs = r.integer("scanPeriodMs", DEFAULT_SCAN_PERIOD_MS, 1, 3_600_000);
    tokenSecret = r.string("tokenSecret", DEFAULT_TOKEN_SECRET);
    if (tokenSecret != null && tokenSecret.length() < MIN_TOKEN_SECRET_CHARS) {
      throw r.invalid("tokenSecret", "expected at least " + MIN_TOKEN_SECRET_CHARS + " characters");
    }
    tokenLifetimeSeconds = r.integer("tokenLifetimeSeconds", DEFAULT_TOKEN_LIFETIME_SECONDS, 10, 3600);
    websocketUrl = r.string("websocketUrl", DEFAULT_WEBSOCKET_URL);
    checkAbsolute(r, "websocketUrl", websocketUrl, "ws", "wss");
    boshUrl = r.string("boshUrl", DEFAULT_BOSH_URL);
    checkAbsolute(r, "boshUrl", boshUrl, "http", "https");
    transport = r.oneOf("transport", DEFAULT_TRANSPORT, WEBSOCKET, BOSH);
    r.rejectUnknownKeys();
  }

  private static void checkAbsolute(ConfigReader r, String key, String url, String... schemes) {
    String expected = "expected an absolute " + String.join(" or ", schemes) + " URL, got \"" + url + "\"";
    try {
      URI u = new URI(url);
      if (u.getHost() == null || u.getScheme() == null || !List.of(schemes).contains(u.getScheme())) {
        throw r.invalid(key, expected);
      }
    } catch (URISyntaxException e) {
      throw r.invalid(key, "not a URL (" + e.getMessage() + ")");
    }
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

  public String rostersFile() {
    return rostersFile;
  }

  public String refreshUrl() {
    return refreshUrl;
  }

  public String token() {
    return token;
  }

  public int scanPeriodMs() {
    return scanPeriodMs;
  }

  /** The sign-on secret, or null when the demo page is off. */
  public String tokenSecret() {
    return tokenSecret;
  }

  public int tokenLifetimeSeconds() {
    return tokenLifetimeSeconds;
  }

  public String websocketUrl() {
    return websocketUrl;
  }

  public String boshUrl() {
    return boshUrl;
  }

  /** {@link #WEBSOCKET} or {@link #BOSH}. */
  public String transport() {
    return transport;
  }

  /** The URL of {@link #transport()}: what the demo page connects to. */
  public String connectionUrl() {
    return transport.equals(BOSH) ? boshUrl : websocketUrl;
  }
}
