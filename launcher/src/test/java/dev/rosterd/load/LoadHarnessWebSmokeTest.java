package dev.rosterd.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.auth.AuthVerticle;
import dev.rosterd.blocking.SubscriptionBlockingVerticle;
import dev.rosterd.c2s.C2sVerticle;
import dev.rosterd.cache.RosterCacheVerticle;
import dev.rosterd.fetcher.RosterFetcherVerticle;
import dev.rosterd.testing.load.HarnessSettings;
import dev.rosterd.testing.load.LoadBackend;
import dev.rosterd.testing.load.LoadHarness;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the harness's idle_websocket and idle_bosh scenarios alive in CI: rosterd's pieces
 * in-process with a web listener whose idle time-out (3 s) is shorter than the time the sessions
 * then stay idle (4 s), a BOSH wait (1 s) and inactivity (2 s) shorter still, so every session is
 * held only if WebSocket pings are answered and each BOSH request that comes back is sent again;
 * at the end each session pings the server to show it is still there. Five sessions each.
 */
@ExtendWith(VertxExtension.class)
class LoadHarnessWebSmokeTest {
  private static final String DOMAIN = "example.com";
  private static final int SESSIONS = 5;

  @TempDir Path certificates;

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void idleWebSocketAndBoshSessionsAreHeldAndReported(Vertx vertx, VertxTestContext ctx) {
    List<String> common = List.of(
        "--domain", DOMAIN, "--users", "50", "--contacts", "20", "--in-flight", "5",
        "--levels", "0," + SESSIONS, "--settle-seconds", "0", "--idle-seconds", "4",
        "--server-pid", String.valueOf(ProcessHandle.current().pid()),
        "--step-timeout-ms", "20000", "--backend-port", "0", "--label", "rosterd-web-smoke");
    LoadBackend.start(vertx, settings(common))
        .compose(backend -> deployRosterd(vertx, backend).compose(web -> {
          List<String> target = new ArrayList<>(common);
          target.addAll(List.of("--websocket-url", "ws://127.0.0.1:" + web + "/xmpp-websocket",
              "--bosh-url", "http://127.0.0.1:" + web + "/http-bind"));
          return LoadHarness.run(vertx, settings(target, "--scenario", "idle_websocket"), backend, 1)
              .compose(ws -> {
                ctx.verify(() -> assertHeld(ws, "websocket"));
                return LoadHarness.run(vertx, settings(target, "--scenario", "idle_bosh"), backend, 1);
              });
        }))
        .onComplete(ctx.succeeding(bosh -> ctx.verify(() -> {
          assertHeld(bosh, "bosh");
          ctx.completeNow();
        })));
  }

  /** Every session logged in and was still online after the idle time; the figures are there. */
  private static void assertHeld(JsonObject line, String transport) {
    assertEquals(transport, line.getString("transport"), line.encode());
    assertEquals(0, line.getInteger("failed_logins"), line.encode());
    assertEquals(SESSIONS, line.getInteger("sessions_held"), line.encode());
    JsonArray levels = line.getJsonArray("levels");
    assertEquals(SESSIONS, levels.getJsonObject(1).getInteger("logins"), line.encode());
    assertTrue(line.getDouble("logins_per_s") > 0, line.encode());
    assertTrue(line.containsKey("kb_per_session") && levels.getJsonObject(1).getLong("rss_kb") > 0, line.encode());
  }

  private static HarnessSettings settings(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return HarnessSettings.parse(all.toArray(String[]::new));
  }

  /** The pieces as the benchmark config runs them, with a web listener; completes with its port. */
  private Future<Integer> deployRosterd(Vertx vertx, LoadBackend backend) {
    C2sVerticle c2s = new C2sVerticle();
    return deploy(vertx, new AuthVerticle(), new JsonObject().put("provider", "http").put("url", backend.authUrl()))
        .compose(v -> deploy(vertx, new RosterFetcherVerticle(), new JsonObject().put("http_roster_url", backend.rosterUrl())))
        .compose(v -> deploy(vertx, new RosterCacheVerticle(), new JsonObject()))
        .compose(v -> deploy(vertx, new SubscriptionBlockingVerticle(), new JsonObject()))
        .compose(v -> deploy(vertx, c2s, new JsonObject()
            .put("host", "127.0.0.1").put("port", 0).put("requireEncryption", false)
            .put("tls", new JsonObject().put("generatedDirectory", certificates.toString()))
            .put("web", new JsonObject().put("host", "127.0.0.1").put("port", 0)
                .put("pingSeconds", 1).put("idleTimeoutSeconds", 3).put("boshMaxWaitSeconds", 1).put("boshInactivitySeconds", 2))))
        .map(v -> c2s.actualWebPort());
  }

  private static Future<String> deploy(Vertx vertx, Deployable verticle, JsonObject config) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.put("domain", DOMAIN)));
  }
}
