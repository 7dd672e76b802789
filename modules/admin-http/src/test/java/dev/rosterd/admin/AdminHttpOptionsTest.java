package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosterd.common.config.ConfigException;
import dev.rosterd.common.http.HttpListenerLimits;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Admin config: defaults, the loopback rule without a token, listener limits, keys named in errors. */
class AdminHttpOptionsTest {
  private static JsonObject config() {
    return new JsonObject().put("domain", "example.com");
  }

  private static String badKey(JsonObject c) {
    return assertThrows(ConfigException.class, () -> new AdminHttpOptions(c)).key();
  }

  @Test
  void defaults() {
    AdminHttpOptions o = new AdminHttpOptions(config());
    assertEquals("127.0.0.1", o.host());
    assertEquals(5280, o.port());
    assertEquals(java.util.Optional.empty(), o.tlsPort());
    assertEquals(java.util.Optional.empty(), o.token());
    assertEquals(new HttpListenerLimits(256, 30_000, 180, 8192), o.limits());
  }

  @Test
  void idleTimeoutMustOutlastTheLongestAnswer() {
    assertEquals("admin.idleTimeoutSeconds", badKey(config().put("idleTimeoutSeconds", 120)));
    assertEquals("admin.idleTimeoutSeconds",
        badKey(config().put("refreshTimeoutMs", 1000).put("idleTimeoutSeconds", 60)));
    new AdminHttpOptions(config().put("refreshTimeoutMs", 1000).put("idleTimeoutSeconds", 61));
  }

  @Test
  void nonLoopbackHostNeedsAToken() {
    assertEquals("admin.host", badKey(config().put("host", "0.0.0.0")));
    assertEquals("admin.host", badKey(config().put("host", "192.0.2.1")));
    new AdminHttpOptions(config().put("host", "0.0.0.0").put("token", "0123456789abcdef"));
    new AdminHttpOptions(config().put("host", "::1"));
  }

  @Test
  void badKeysAreNamed() {
    assertEquals("admin.token", badKey(config().put("token", "short")));
    assertEquals("admin.tlsCertPath", badKey(config().put("tlsPort", 5281)));
    assertEquals("admin.port", badKey(config().put("port", 70000)));
    assertEquals("admin.maxConcurrentRefreshes", badKey(config().put("maxConcurrentRefreshes", 0)));
    assertEquals("admin.prot", badKey(config().put("prot", 1)));
    assertEquals("admin.maxConnections", badKey(config().put("maxConnections", 0)));
    assertEquals("admin.requestReadTimeoutMs", badKey(config().put("requestReadTimeoutMs", 0)));
    assertEquals("admin.maxHeaderBytes", badKey(config().put("maxHeaderBytes", 100)));
  }
}
