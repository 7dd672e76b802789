package dev.rosterd.demo;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Config of the demo backend, section {@value #SECTION}. Example (the shipped config):
 *
 * <pre>{@code
 * "demoBackend": {
 *   "port": 8080, "rostersFile": "conf/demo-rosters.json",
 *   "refreshUrl": "http://127.0.0.1:5280/roster_admin/refresh"
 * }
 * }</pre>
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

  private final String domain;
  private final String host;
  private final int port;
  private final String rostersFile;
  private final String refreshUrl;
  private final String token;
  private final int scanPeriodMs;

  public DemoBackendOptions(JsonObject deploymentConfig) {
    ConfigReader r = new ConfigReader(deploymentConfig, SECTION);
    domain = r.requiredString("domain");
    host = r.string("host", DEFAULT_HOST);
    port = r.integer("port", DEFAULT_PORT, 0, 65535);
    rostersFile = r.string("rostersFile", DEFAULT_ROSTERS_FILE);
    refreshUrl = r.string("refreshUrl", DEFAULT_REFRESH_URL);
    try {
      URI u = new URI(refreshUrl);
      if (u.getHost() == null || !(refreshUrl.startsWith("http://") || refreshUrl.startsWith("https://"))) {
        throw r.invalid("refreshUrl", "expected an absolute http or https URL, got \"" + refreshUrl + "\"");
      }
    } catch (URISyntaxException e) {
      throw r.invalid("refreshUrl", "not a URL (" + e.getMessage() + ")");
    }
    token = r.string("token", DEFAULT_TOKEN);
    scanPeriodMs = r.integer("scanPeriodMs", DEFAULT_SCAN_PERIOD_MS, 1, 3_600_000);
    r.rejectUnknownKeys();
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
}
