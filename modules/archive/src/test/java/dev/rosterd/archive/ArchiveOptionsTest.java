package dev.rosterd.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The {@code archive} section: safe defaults, and every bad value named by its key. */
class ArchiveOptionsTest {
  private static JsonObject section() {
    return new JsonObject().put("domain", "example.com");
  }

  private static String rejected(JsonObject section) {
    return assertThrows(ConfigException.class, () -> new ArchiveOptions(section)).getMessage();
  }

  @Test
  void anEmptySectionIsTheEmbeddedStoreWithTheDefaults() {
    ArchiveOptions o = new ArchiveOptions(section());
    assertFalse(o.postgresql());
    assertEquals("data/archive", o.directory());
    assertEquals(1000, o.offlineCap());
    assertEquals(365, o.retentionDays());
    assertEquals(3600, o.retentionIntervalSeconds());
    assertEquals("always", o.defaultPreference());
  }

  @Test
  void postgresqlDefaultsToALocalServerWithoutTls() {
    ArchiveOptions o = new ArchiveOptions(section().put("store", "postgresql"));
    assertTrue(o.postgresql());
    assertEquals("127.0.0.1", o.postgres().host());
    assertEquals(5432, o.postgres().port());
    assertEquals("rosterd", o.postgres().database());
    assertEquals("rosterd", o.postgres().user());
    assertEquals("disable", o.postgres().sslMode());
    assertEquals(8, o.postgres().poolSize());
  }

  @Test
  void badValuesNameTheirKey() {
    assertEquals("archive.store: expected one of embedded, postgresql, got \"sqlite\"",
        rejected(section().put("store", "sqlite")));
    assertEquals("archive.offlineCapPerUser: expected an integer from 1 to 1000000, got 0",
        rejected(section().put("offlineCapPerUser", 0)));
    assertEquals("archive.retentionDays: expected an integer from 0 to 36500, got -1",
        rejected(section().put("retentionDays", -1)));
    assertEquals("archive.defaultPreference: expected one of always, roster, never, got \"sometimes\"",
        rejected(section().put("defaultPreference", "sometimes")));
    assertEquals("archive.directory: expected a directory path, got \"\"", rejected(section().put("directory", "")));
    assertEquals("archive.retention: unknown key", rejected(section().put("retention", 30)));
  }

  @Test
  void thePostgresqlSectionIsCheckedToo() {
    JsonObject pg = section().put("store", "postgresql");
    assertEquals("archive.postgresql.port: expected an integer from 1 to 65535, got \"5432x\"",
        rejected(pg.copy().put("postgresql", new JsonObject().put("port", "5432x"))));
    assertEquals("archive.postgresql.hots: unknown key",
        rejected(pg.copy().put("postgresql", new JsonObject().put("hots", "db"))));
    assertEquals("archive.postgresql.sslMode: expected one of disable, require, verify-full, got \"on\"",
        rejected(pg.copy().put("postgresql", new JsonObject().put("sslMode", "on"))));
    assertEquals("archive.postgresql.caPath: only goes with \"sslMode\": \"verify-full\"",
        rejected(pg.copy().put("postgresql", new JsonObject().put("caPath", "ca.pem"))));
    assertEquals("archive.postgresql: only goes with \"store\": \"postgresql\"",
        rejected(section().put("postgresql", new JsonObject())));
  }
}
