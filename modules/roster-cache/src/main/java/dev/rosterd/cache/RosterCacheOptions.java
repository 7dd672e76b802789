package dev.rosterd.cache;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;

/**
 * Config of the roster cache, section {@value #SECTION}. Example: {@code "rosterCache":
 * {"fetchTimeoutMs": 30000, "lockTimeoutMs": 60000}}.
 */
public final class RosterCacheOptions {
  public static final String SECTION = "rosterCache";

  /**
   * {@code fetchTimeoutMs}: how long the cache waits for the roster fetcher's answer over the event
   * bus. Longer than the fetcher's own {@code timeoutMs}, because a fetch may first wait in the
   * fetcher's queue ({@code maxInFlight}). Default 30000.
   */
  public static final int DEFAULT_FETCH_TIMEOUT_MS = 30_000;

  /**
   * {@code lockTimeoutMs}: how long a first get or a refresh of one user waits for that user's
   * cluster-wide lock (held while a fetch of the same user is in flight) before it fails as
   * unavailable. Default 60000.
   */
  public static final int DEFAULT_LOCK_TIMEOUT_MS = 60_000;

  private final String domain;
  private final int fetchTimeoutMs;
  private final int lockTimeoutMs;

  public RosterCacheOptions(JsonObject deploymentConfig) {
    ConfigReader r = new ConfigReader(deploymentConfig, SECTION);
    domain = r.requiredString("domain");
    fetchTimeoutMs = r.integer("fetchTimeoutMs", DEFAULT_FETCH_TIMEOUT_MS, 1, 3_600_000);
    lockTimeoutMs = r.integer("lockTimeoutMs", DEFAULT_LOCK_TIMEOUT_MS, 1, 3_600_000);
    r.rejectUnknownKeys();
  }

  public String domain() {
    return domain;
  }

  public int fetchTimeoutMs() {
    return fetchTimeoutMs;
  }

  public int lockTimeoutMs() {
    return lockTimeoutMs;
  }
}
