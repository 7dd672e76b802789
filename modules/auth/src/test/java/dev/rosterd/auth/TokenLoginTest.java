package dev.rosterd.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthMechanisms;
import dev.rosterd.common.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on tokens as the PLAIN password, minted here with vertx-auth-jwt's own signer: a
 * valid one logs its subject in; an expired one, a wrong signature, a wrong issuer or audience and
 * another user's token are refused, each counted (and logged) with its reason; ordinary passwords
 * still go to the provider.
 */
class TokenLoginTest {
  private static final String SECRET = "a shared secret of at least 32 characters";
  private static final String PEER = "192.0.2.7";
  @TempDir Path dir;

  private static JsonObject config(JsonObject tokens) {
    return new JsonObject().put("domain", "rosterd.test").put("tokens", tokens)
        .put("users", new JsonObject().put("alice", "wonderland"));
  }

  private static JsonObject claims(String sub, long expiresIn) {
    return new JsonObject().put("sub", sub).put("exp", System.currentTimeMillis() / 1000 + expiresIn)
        .put("iss", "https://app.example").put("aud", new JsonArray().add("xmpp"));
  }

  private static JsonObject without(JsonObject claims, String claim) {
    claims.remove(claim);
    return claims;
  }

  private static String sign(Vertx vertx, String algorithm, String key, JsonObject claims) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(key)));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm(algorithm));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Test
  void hs256TokensAreCheckedClaimByClaim() throws Exception {
    JsonObject tokens = new JsonObject().put("secret", SECRET).put("issuer", "https://app.example").put("audience", "xmpp");
    try (MeteredAuth auth = new MeteredAuth(config(tokens))) {
      Vertx v = auth.vertx;
      assertTrue(auth.plain("carol", sign(v, "HS256", SECRET, claims("carol", 60)), PEER), "a user only the web app knows");
      assertTrue(auth.plain("Alice", sign(v, "HS256", SECRET, claims("alice", 60)), PEER));
      assertTrue(auth.plain("alice", "wonderland", PEER), "passwords still go to the provider");
      assertRefused(auth, "expired", sign(v, "HS256", SECRET, claims("alice", -120)));
      assertRefused(auth, "no-expiry", sign(v, "HS256", SECRET, without(claims("alice", 60), "exp")));
      assertRefused(auth, "bad-signature", sign(v, "HS256", SECRET.replace('a', 'b'), claims("alice", 60)));
      assertRefused(auth, "wrong-issuer", sign(v, "HS256", SECRET, claims("alice", 60).put("iss", "https://evil.example")));
      assertRefused(auth, "wrong-audience", sign(v, "HS256", SECRET, claims("alice", 60).put("aud", "elsewhere")));
      assertRefused(auth, "wrong-subject", sign(v, "HS256", SECRET, claims("bob", 60)));
      JsonObject mechanisms = MeteredAuth.await(v.eventBus().<JsonObject>request(Addresses.AUTH_MECHANISMS, new JsonObject())
          .map(m -> m.body()));
      assertTrue(AuthMechanisms.fromJson(mechanisms).mechanisms().contains("PLAIN"));
    }
  }

  @Test
  void es256TokensAreVerifiedWithThePublicKeyFile() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    assertAsymmetric("ES256", g.generateKeyPair(), g.generateKeyPair());
  }

  @Test
  void rs256TokensAreVerifiedWithThePublicKeyFile() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    assertAsymmetric("RS256", g.generateKeyPair(), g.generateKeyPair());
  }

  private void assertAsymmetric(String algorithm, KeyPair app, KeyPair other) throws Exception {
    Path key = dir.resolve("app.pub.pem");
    Files.writeString(key, pem("PUBLIC KEY", app.getPublic().getEncoded()));
    JsonObject tokens = new JsonObject().put("publicKeyPath", key.toString()).put("algorithm", algorithm);
    try (MeteredAuth auth = new MeteredAuth(config(tokens))) {
      String appKey = pem("PRIVATE KEY", app.getPrivate().getEncoded());
      assertTrue(auth.plain("alice", sign(auth.vertx, algorithm, appKey, claims("alice", 60)), PEER));
      String otherKey = pem("PRIVATE KEY", other.getPrivate().getEncoded());
      assertRefused(auth, "bad-signature", sign(auth.vertx, algorithm, otherKey, claims("alice", 60)));
      assertRefused(auth, "expired", sign(auth.vertx, algorithm, appKey, claims("alice", -120)));
    }
  }

  @Test
  void aMissingKeyFileIsAConfigErrorNamingItsKey() {
    JsonObject tokens = new JsonObject().put("publicKeyPath", dir.resolve("absent.pem").toString()).put("algorithm", "ES256");
    ConfigException e = assertThrows(ConfigException.class, () -> new MeteredAuth(config(tokens)).close());
    assertEquals("auth.tokens.publicKeyPath", e.key());
  }

  private static void assertRefused(MeteredAuth auth, String reason, String token) throws Exception {
    double before = auth.refused("token-" + reason);
    assertFalse(auth.plain("alice", token, PEER), reason);
    assertEquals(before + 1, auth.refused("token-" + reason), reason);
  }
}
