package dev.rosterd.archive;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;

/**
 * Config of the archive piece, section {@value #SECTION}: offline messages (XEP-0160) and the
 * message archive (XEP-0313). Example:
 *
 * <pre>{@code
 * "archive": {
 *   "store": "postgresql",
 *   "postgresql": {"host": "db.example.com", "database": "rosterd", "user": "rosterd",
 *                  "password": "s3cret", "sslMode": "verify-full"},
 *   "offlineCapPerUser": 1000, "retentionDays": 365, "defaultPreference": "always"
 * }
 * }</pre>
 */
public final class ArchiveOptions {
  public static final String SECTION = "archive";

  /**
   * {@code store}: where messages are kept. {@code embedded}: an H2 database in {@code directory},
   * nothing to install, for one node; {@code postgresql}: a PostgreSQL server (section {@code
   * postgresql}), for production and for clusters, where every node must see one store. Default
   * {@code embedded}.
   */
  public static final String DEFAULT_STORE = "embedded";

  /**
   * {@code directory}: (embedded) the directory of the H2 database files, created at start if
   * missing; a relative path is resolved against the working directory. Default {@code
   * "data/archive"}.
   */
  public static final String DEFAULT_DIRECTORY = "data/archive";

  /**
   * {@code offlineCapPerUser}: the most messages one user's offline queue holds; a further message
   * to that user while offline is refused ({@code <resource-constraint/>} to the sender) and not
   * stored. Default 1000.
   */
  public static final int DEFAULT_OFFLINE_CAP = 1000;

  /**
   * {@code retentionDays}: archived and undelivered offline messages older than this are removed by
   * the retention job; {@code 0} keeps them for ever. Default 365.
   */
  public static final int DEFAULT_RETENTION_DAYS = 365;

  /** {@code retentionIntervalSeconds}: how often the retention job runs. Default 3600 (hourly). */
  public static final int DEFAULT_RETENTION_INTERVAL_SECONDS = 3600;

  /**
   * {@code defaultPreference}: the XEP-0313 default of users who set no preferences: {@code
   * always} (archive every message), {@code roster} (only messages with contacts) or {@code never}.
   * Default {@code always}.
   */
  public static final String DEFAULT_PREFERENCE = "always";

  private final String domain;
  private final String store;
  private final String directory;
  private final PostgresOptions postgres;
  private final int offlineCap;
  private final int retentionDays;
  private final int retentionIntervalSeconds;
  private final String defaultPreference;

  public ArchiveOptions(JsonObject deploymentConfig) {
    ConfigReader r = new ConfigReader(deploymentConfig, SECTION);
    domain = r.requiredString("domain");
    store = r.oneOf("store", DEFAULT_STORE, "embedded", "postgresql");
    directory = r.string("directory", DEFAULT_DIRECTORY);
    if (directory.isBlank()) {
      throw r.invalid("directory", "expected a directory path, got \"\"");
    }
    boolean pg = "postgresql".equals(store);
    if (!pg && r.has("postgresql")) {
      throw r.invalid("postgresql", "only goes with \"store\": \"postgresql\"");
    }
    postgres = new PostgresOptions(r.section("postgresql"));
    offlineCap = r.integer("offlineCapPerUser", DEFAULT_OFFLINE_CAP, 1, 1_000_000);
    retentionDays = r.integer("retentionDays", DEFAULT_RETENTION_DAYS, 0, 36_500);
    retentionIntervalSeconds =
        r.integer("retentionIntervalSeconds", DEFAULT_RETENTION_INTERVAL_SECONDS, 1, 7 * 24 * 3600);
    defaultPreference = r.oneOf("defaultPreference", DEFAULT_PREFERENCE, "always", "roster", "never");
    r.rejectUnknownKeys();
  }

  public String domain() {
    return domain;
  }

  public boolean postgresql() {
    return "postgresql".equals(store);
  }

  /** The embedded store's directory as configured. */
  public String directory() {
    return directory;
  }

  public PostgresOptions postgres() {
    return postgres;
  }

  public int offlineCap() {
    return offlineCap;
  }

  public int retentionDays() {
    return retentionDays;
  }

  public int retentionIntervalSeconds() {
    return retentionIntervalSeconds;
  }

  public String defaultPreference() {
    return defaultPreference;
  }
}
