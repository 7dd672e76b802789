package dev.rosterd.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The auth config: each mistake is one error naming its key. */
class AuthOptionsTest {
  private static String keyOf(JsonObject config) {
    return assertThrows(ConfigException.class, () -> new AuthOptions(config)).key();
  }

  @Test
  void mistakesNameTheirKey() {
    JsonObject base = new JsonObject().put("domain", "example.com");
    assertEquals("auth.domain", keyOf(new JsonObject()));
    assertEquals("auth.provider", keyOf(base.copy().put("provider", "ldap")));
    assertEquals("auth.url", keyOf(base.copy().put("provider", "http")));
    assertEquals("auth.users.bob", keyOf(base.copy().put("users", new JsonObject().put("bob", 42))));
    JsonObject badKeys = new JsonObject().put("scram-sha-256", new JsonObject()
        .put("salt", "not base64!").put("iterations", 4096).put("storedKey", "AA==").put("serverKey", "AA=="));
    assertEquals("auth.users.bob.scram-sha-256.salt", keyOf(base.copy().put("users", new JsonObject().put("bob", badKeys))));
    assertEquals("auth.users.bob.scram-md5",
        keyOf(base.copy().put("users", new JsonObject().put("bob", new JsonObject().put("scram-md5", new JsonObject())))));
    assertEquals("auth.timeoutMilis", keyOf(base.copy().put("timeoutMilis", 10)));
    assertEquals("auth.scramSecret", keyOf(base.copy().put("scramSecret", "short")));
    assertEquals("auth.throttle.userFailures", keyOf(base.copy().put("throttle", new JsonObject().put("userFailures", -1))));
    assertEquals("auth.throttle.maxBackoffSeconds", keyOf(base.copy().put("throttle",
        new JsonObject().put("windowSeconds", 600).put("maxBackoffSeconds", 60))));
    assertEquals("auth.throttle.window", keyOf(base.copy().put("throttle", new JsonObject().put("window", 60))));
    assertEquals("auth.tokens.secret", keyOf(base.copy().put("tokens", new JsonObject())));
    assertEquals("auth.tokens.secret", keyOf(base.copy().put("tokens", new JsonObject().put("secret", "too short"))));
    assertEquals("auth.tokens.algorithm", keyOf(base.copy().put("tokens",
        new JsonObject().put("publicKeyPath", "app.pem").put("algorithm", "HS256"))));
    assertEquals("auth.tokens.leewaySeconds", keyOf(base.copy().put("tokens",
        new JsonObject().put("jwksPath", "jwks.json").put("leewaySeconds", 3600))));
  }

  @Test
  void httpNeedsOnlyAUrl() {
    AuthOptions o = new AuthOptions(new JsonObject().put("domain", "example.com")
        .put("provider", "http").put("url", "http://127.0.0.1:1/auth"));
    assertEquals(AuthOptions.DEFAULT_TIMEOUT_MILLIS, o.timeoutMillis());
  }
}
