package dev.rosterd.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The c2s config: defaults, and one clear error naming the key for each mistake. */
class C2sOptionsTest {
  private static String keyOf(JsonObject config) {
    return assertThrows(ConfigException.class, () -> new C2sOptions(config)).key();
  }

  @Test
  void defaults() {
    C2sOptions o = new C2sOptions(new JsonObject().put("domain", "example.com"));
    assertEquals(C2sOptions.DEFAULT_PORT, o.port());
    assertEquals(C2sOptions.DEFAULT_HOST, o.host());
    assertEquals(-1, o.directTlsPort());
    assertTrue(o.requireEncryption());
    assertEquals("conf", o.generatedDirectory());
    assertEquals(262_144, o.maxStanzaBytes());
    assertEquals(300, o.idleTimeoutSeconds());
    assertEquals(30, o.authTimeoutSeconds());
    assertEquals(3, o.maxAuthAttempts());
  }

  @Test
  void mistakesNameTheirKey() {
    assertEquals("c2s.domain", keyOf(new JsonObject()));
    JsonObject base = new JsonObject().put("domain", "example.com");
    assertEquals("c2s.port", keyOf(base.copy().put("port", 70000)));
    assertEquals("c2s.requireEncryption", keyOf(base.copy().put("requireEncryption", "yes")));
    assertEquals("c2s.tls.keyPath", keyOf(base.copy().put("tls", new JsonObject().put("certPath", "c.pem"))));
    assertEquals("c2s.tls.cert", keyOf(base.copy().put("tls", new JsonObject().put("cert", "c.pem"))));
    assertEquals("c2s.maxAuthAttempt", keyOf(base.copy().put("maxAuthAttempt", 3)));
  }
}
