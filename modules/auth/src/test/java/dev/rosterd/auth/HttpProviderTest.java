package dev.rosterd.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthMechanisms;
import dev.rosterd.common.bus.AuthResult;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.PlainCheck;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.bus.ScramLookup;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The http provider against the fake web application's {@code POST /auth}. */
@ExtendWith(VertxExtension.class)
class HttpProviderTest {
  private FakeRosterBackend backend;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    FakeRosterBackend.start(vertx)
        .compose(b -> {
          backend = b.password("alice", "wonderland");
          JsonObject config = new JsonObject().put("domain", "rosterd.test").put("provider", "http")
              .put("url", b.authUrl()).put("timeoutMillis", 10_000);
          return vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(config));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Boolean> plain(Vertx vertx, String user, String password) {
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_PLAIN, new PlainCheck(user, password).toJson())
        .map(m -> AuthResult.fromJson(m.body()).ok());
  }

  @Test
  void theWebApplicationDecides(Vertx vertx, VertxTestContext ctx) {
    Future.all(plain(vertx, "alice", "wonderland"), plain(vertx, "Alice", "wonderland"),
            plain(vertx, "alice", "nope"), plain(vertx, "bob", "wonderland"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertEquals(List.of(true, true, false, false), all.list());
          ctx.completeNow();
        })));
  }

  @Test
  void offersPlainOnlyAndHasNoScramKeys(Vertx vertx, VertxTestContext ctx) {
    Future<AuthMechanisms> mechs = vertx.eventBus()
        .<JsonObject>request(Addresses.AUTH_MECHANISMS, new JsonObject()).map(m -> AuthMechanisms.fromJson(m.body()));
    Future<ScramCredentials> keys = vertx.eventBus()
        .<JsonObject>request(Addresses.AUTH_SCRAM, new ScramLookup("alice", "SCRAM-SHA-1").toJson())
        .map(m -> ScramCredentials.fromJson(m.body()));
    Future.all(mechs, keys).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(List.of("PLAIN"), mechs.result().mechanisms());
      assertFalse(keys.result().found());
      ctx.completeNow();
    })));
  }

  @Test
  void aDownBackendIsUnavailable(Vertx vertx, VertxTestContext ctx) {
    backend.close()
        .compose(v -> plain(vertx, "alice", "wonderland"))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertEquals(BusFailure.UNAVAILABLE, ((ReplyException) e).failureCode());
          ctx.completeNow();
        })));
  }
}
