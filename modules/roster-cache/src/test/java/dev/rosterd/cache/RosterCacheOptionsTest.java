package dev.rosterd.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Cache config: defaults, and the key named when one is wrong. */
class RosterCacheOptionsTest {
  @Test
  void defaultsAndBadKeys() {
    RosterCacheOptions o = new RosterCacheOptions(new JsonObject().put("domain", "example.com"));
    assertEquals(RosterCacheOptions.DEFAULT_FETCH_TIMEOUT_MS, o.fetchTimeoutMs());
    assertEquals(RosterCacheOptions.DEFAULT_LOCK_TIMEOUT_MS, o.lockTimeoutMs());
    assertEquals("rosterCache.domain",
        assertThrows(ConfigException.class, () -> new RosterCacheOptions(new JsonObject())).key());
    assertEquals("rosterCache.lockTimeoutMs", assertThrows(ConfigException.class, () -> new RosterCacheOptions(
        new JsonObject().put("domain", "example.com").put("lockTimeoutMs", "soon"))).key());
    assertEquals("rosterCache.ttl", assertThrows(ConfigException.class, () -> new RosterCacheOptions(
        new JsonObject().put("domain", "example.com").put("ttl", 1))).key());
  }
}
