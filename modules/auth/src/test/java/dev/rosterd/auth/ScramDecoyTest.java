package dev.rosterd.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.bus.ScramLookup;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SCRAM lookups do not tell who exists: an unknown user gets the same salt every time, from any
 * auth instance, with the configured iterations and keys of the same form as a real user's.
 * Two instances stand for two nodes: each gets the secret from shared data.
 */
@ExtendWith(VertxExtension.class)
class ScramDecoyTest {
  private static final int ITERATIONS = 5000;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = new JsonObject().put("domain", "rosterd.test").put("iterations", ITERATIONS)
        .put("users", new JsonObject().put("alice", "wonderland"));
    vertx.deployVerticle(AuthVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<ScramCredentials> scram(Vertx vertx, String user) {
    return vertx.eventBus()
        .<JsonObject>request(Addresses.AUTH_SCRAM, new ScramLookup(user, "SCRAM-SHA-256").toJson())
        .map(m -> ScramCredentials.fromJson(m.body()));
  }

  /** Four lookups each, so both instances answer both users. */
  private static Future<List<ScramCredentials>> lookups(Vertx vertx, String... users) {
    List<Future<ScramCredentials>> all = new ArrayList<>();
    for (String user : users) {
      for (int i = 0; i < 4; i++) {
        all.add(scram(vertx, user));
      }
    }
    return Future.all(all).map(f -> f.list());
  }

  @Test
  void anUnknownUserAnswersLikeARealOne(Vertx vertx, VertxTestContext ctx) {
    lookups(vertx, "mallory", "alice", "Mallory").onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      List<ScramCredentials> mallory = all.subList(0, 4);
      List<ScramCredentials> alice = all.subList(4, 8);
      assertEquals(Set.of(mallory.get(0)), Set.copyOf(mallory), "same decoy from every instance");
      assertEquals(Set.of(alice.get(0)), Set.copyOf(alice), "same keys from every instance");
      assertEquals(mallory.get(0), all.get(8), "the decoy is the normalised username's");
      ScramCredentials decoy = mallory.get(0);
      ScramCredentials real = alice.get(0);
      assertTrue(decoy.found());
      assertEquals(real.toJson().fieldNames(), decoy.toJson().fieldNames());
      assertEquals(ITERATIONS, decoy.iterations());
      assertEquals(real.iterations(), decoy.iterations());
      assertEquals(decodedLengths(real), decodedLengths(decoy));
      assertNotEquals(real.salt(), decoy.salt());
      ctx.completeNow();
    })));
  }

  @Test
  void unknownUsersHaveSaltsOfTheirOwn(Vertx vertx, VertxTestContext ctx) {
    lookups(vertx, "mallory", "trudy").onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      Set<String> salts = new TreeSet<>();
      all.forEach(c -> salts.add(c.salt()));
      assertEquals(2, salts.size(), "one stable salt per unknown user: " + salts);
      ctx.completeNow();
    })));
  }

  private static List<Integer> decodedLengths(ScramCredentials c) {
    Base64.Decoder b64 = Base64.getDecoder();
    return List.of(b64.decode(c.salt()).length, b64.decode(c.storedKey()).length, b64.decode(c.serverKey()).length);
  }
}
