package dev.rosterd.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ongres.scram.common.ScramMechanism;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthMechanisms;
import dev.rosterd.common.bus.AuthResult;
import dev.rosterd.common.bus.PlainCheck;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.bus.ScramLookup;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The static provider with a plaintext user (alice) and a user given only by SCRAM keys (bob). */
@ExtendWith(VertxExtension.class)
class StaticProviderTest {
  private static final byte[] BOB_SALT = "bob's salt bytes".getBytes(StandardCharsets.UTF_8);
  private static final ScramCredentials BOB_256 =
      UserCredentials.derive(ScramMechanism.SCRAM_SHA_256, "hunter2", BOB_SALT, 4096);

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject bob = new JsonObject().put("scram-sha-256", new JsonObject()
        .put("salt", BOB_256.salt()).put("iterations", BOB_256.iterations())
        .put("storedKey", BOB_256.storedKey()).put("serverKey", BOB_256.serverKey()));
    JsonObject config = new JsonObject().put("domain", "rosterd.test").put("provider", "static")
        .put("users", new JsonObject().put("Alice", "wonderland").put("bob", bob));
    vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(config))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Boolean> plain(Vertx vertx, String user, String password) {
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_PLAIN, new PlainCheck(user, password).toJson())
        .map(m -> AuthResult.fromJson(m.body()).ok());
  }

  private static Future<ScramCredentials> scram(Vertx vertx, String user, String mechanism) {
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_SCRAM, new ScramLookup(user, mechanism).toJson())
        .map(m -> ScramCredentials.fromJson(m.body()));
  }

  @Test
  void offersScramAndPlain(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.AUTH_MECHANISMS, new JsonObject())
        .onComplete(ctx.succeeding(m -> ctx.verify(() -> {
          assertEquals(List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"),
              AuthMechanisms.fromJson(m.body()).mechanisms());
          ctx.completeNow();
        })));
  }

  @Test
  void plainChecksPlaintextAndHashedUsers(Vertx vertx, VertxTestContext ctx) {
    Future.all(List.of(
            plain(vertx, "alice", "wonderland"),
            plain(vertx, "ALICE", "wonderland"),
            plain(vertx, "alice", "Wonderland"),
            plain(vertx, "bob", "hunter2"),
            plain(vertx, "bob", "hunter3"),
            plain(vertx, "carol", "wonderland"),
            plain(vertx, "not a@valid user", "x")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertEquals(List.of(true, true, false, true, false, false, false), all.list());
          ctx.completeNow();
        })));
  }

  @Test
  void scramKeysOfPlaintextUsersAreDerivedFromThePassword(Vertx vertx, VertxTestContext ctx) {
    Future.all(scram(vertx, "alice", "SCRAM-SHA-1"), scram(vertx, "alice", "SCRAM-SHA-256"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          ScramCredentials sha1 = all.resultAt(0);
          ScramCredentials sha256 = all.resultAt(1);
          assertKeysOf("wonderland", ScramMechanism.SCRAM_SHA_1, sha1);
          assertKeysOf("wonderland", ScramMechanism.SCRAM_SHA_256, sha256);
          ctx.completeNow();
        })));
  }

  @Test
  void configuredScramKeysAreServedAsGiven(Vertx vertx, VertxTestContext ctx) {
    scram(vertx, "bob", "SCRAM-SHA-256").onComplete(ctx.succeeding(keys -> ctx.verify(() -> {
      assertEquals(BOB_256, keys);
      ctx.completeNow();
    })));
  }

  private static void assertKeysOf(String password, ScramMechanism m, ScramCredentials c) {
    assertTrue(c.found());
    assertEquals(4096, c.iterations());
    ScramCredentials expected =
        UserCredentials.derive(m, password, Base64.getDecoder().decode(c.salt()), c.iterations());
    assertArrayEquals(Base64.getDecoder().decode(expected.storedKey()), Base64.getDecoder().decode(c.storedKey()));
    assertArrayEquals(Base64.getDecoder().decode(expected.serverKey()), Base64.getDecoder().decode(c.serverKey()));
  }
}
