package dev.rosterd.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.tls.TlsEngine;
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
    assertEquals(16_384, o.maxStanzaBytesBeforeAuth());
    assertEquals(4096, o.maxHeaderBytes());
    assertEquals(50, o.stanzasPerSecond());
    assertEquals(200, o.stanzaBurst());
    assertEquals(TlsEngine.OPENSSL, o.tlsEngine());
  }

  @Test
  void theJdkEngineCanBeChosen() {
    C2sOptions o = new C2sOptions(new JsonObject().put("domain", "example.com")
        .put("tls", new JsonObject().put("engine", "jdk")));
    assertEquals(TlsEngine.JDK, o.tlsEngine());
  }

  @Test
  void theBudgetBeforeAuthFollowsASmallerStanzaLimit() {
    C2sOptions o = new C2sOptions(new JsonObject().put("domain", "example.com").put("maxStanzaBytes", 8192));
    assertEquals(8192, o.maxStanzaBytesBeforeAuth());
  }

  @Test
  void mistakesNameTheirKey() {
    assertEquals("c2s.domain", keyOf(new JsonObject()));
    JsonObject base = new JsonObject().put("domain", "example.com");
    assertEquals("c2s.port", keyOf(base.copy().put("port", 70000)));
    assertEquals("c2s.requireEncryption", keyOf(base.copy().put("requireEncryption", "yes")));
    assertEquals("c2s.tls.keyPath", keyOf(base.copy().put("tls", new JsonObject().put("certPath", "c.pem"))));
    assertEquals("c2s.tls.cert", keyOf(base.copy().put("tls", new JsonObject().put("cert", "c.pem"))));
    assertEquals("c2s.tls.engine", keyOf(base.copy().put("tls", new JsonObject().put("engine", "boringssl"))));
    assertEquals("c2s.maxAuthAttempt", keyOf(base.copy().put("maxAuthAttempt", 3)));
    assertEquals("c2s.maxStanzaBytesBeforeAuth",
        keyOf(base.copy().put("maxStanzaBytes", 8192).put("maxStanzaBytesBeforeAuth", 16_384)));
    assertEquals("c2s.maxHeaderBytes", keyOf(base.copy().put("maxHeaderBytes", 100)));
    assertEquals("c2s.stanzasPerSecond", keyOf(base.copy().put("stanzasPerSecond", 0)));
    assertEquals("c2s.stanzaBurst", keyOf(base.copy().put("stanzaBurst", "many")));
  }
}
