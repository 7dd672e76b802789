package dev.rosterd.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  @Test
  void namesTheKeyAndTheExpectedFormOfAWrongType() {
    ConfigReader r = new ConfigReader(new JsonObject().put("port", "abc"), "c2s");
    ConfigException e = assertThrows(ConfigException.class, () -> r.integer("port", 5222, 1, 65535));
    assertEquals("c2s.port: expected an integer from 1 to 65535, got \"abc\"", e.getMessage());
    assertEquals("c2s.port", e.key());
  }

  @Test
  void rejectsAnOutOfRangeNumberAndAFraction() {
    ConfigReader r = new ConfigReader(new JsonObject().put("a", 70000).put("b", 1.5), "s");
    assertThrows(ConfigException.class, () -> r.integer("a", 1, 1, 65535));
    assertThrows(ConfigException.class, () -> r.integer("b", 1, 1, 65535));
  }

  @Test
  void usesDefaultsForAbsentKeys() {
    ConfigReader r = new ConfigReader(null, "s");
    assertEquals(5222, r.integer("port", 5222, 1, 65535));
    assertEquals("drop", r.oneOf("policy", "drop", "drop", "error"));
    r.rejectUnknownKeys();
  }

  @Test
  void rejectsUnknownKeysByFullPath() {
    ConfigReader r =
        new ConfigReader(new JsonObject().put("tls", new JsonObject().put("cert", "x")), "c2s");
    ConfigReader tls = r.section("tls");
    tls.string("certPath", null);
    ConfigException e = assertThrows(ConfigException.class, tls::rejectUnknownKeys);
    assertEquals("c2s.tls.cert: unknown key", e.getMessage());
  }

  @Test
  void requiredStringMustBePresent() {
    ConfigReader r = new ConfigReader(new JsonObject(), "");
    ConfigException e = assertThrows(ConfigException.class, () -> r.requiredString("domain"));
    assertEquals("domain: is required (a non-empty string)", e.getMessage());
  }

  @Test
  void oneOfListsTheAllowedValues() {
    ConfigReader r = new ConfigReader(new JsonObject().put("policy", "bounce"), "subscriptionBlocking");
    ConfigException e =
        assertThrows(ConfigException.class, () -> r.oneOf("policy", "drop", "drop", "error"));
    assertEquals(
        "subscriptionBlocking.policy: expected one of drop, error, got \"bounce\"", e.getMessage());
  }
}
