package dev.rosterd.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.admin.AdminHttpVerticle;
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
 * Keeps the load harness of issue 6 alive in CI: rosterd's pieces in-process (the fetcher and the
 * http auth provider pointed at the harness's own backend, c2s without required TLS, as in the
 * benchmark config), then the harness's login_roster and refresh scenarios with five clients. The
 * real benchmark runs are not part of CI (docs/BENCHMARKS.md).
 */
@ExtendWith(VertxExtension.class)
class LoadHarnessSmokeTest {
  private static final String DOMAIN = "example.com";
  private static final int CLIENTS = 5;
  private static final int CONTACTS = 20;

  @TempDir Path certificates;

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void loginRosterAndRefreshReportEveryClient(Vertx vertx, VertxTestContext ctx) {
    List<String> common = List.of(
        "--domain", DOMAIN, "--users", "50", "--clients", String.valueOf(CLIENTS),
        "--contacts", String.valueOf(CONTACTS), "--in-flight", "5", "--settle-seconds", "0",
        "--step-timeout-ms", "20000", "--wait-seconds", "30", "--backend-port", "0",
        "--label", "rosterd-smoke");
    LoadBackend.start(vertx, settings(common))
        .compose(backend -> deployRosterd(vertx, backend).compose(ports -> {
          List<String> target = new ArrayList<>(common);
          target.addAll(List.of("--c2s-port", String.valueOf(ports.c2s()),
              "--admin-url", "http://127.0.0.1:" + ports.admin()));
          return LoadHarness.run(vertx, settings(target, "--scenario", "login_roster"), backend, 1)
              .compose(login -> {
                ctx.verify(() -> assertLogins(login, ""));
                return LoadHarness.run(vertx, settings(target, "--scenario", "refresh"), backend, 1);
              });
        }))
        .onComplete(ctx.succeeding(refresh -> ctx.verify(() -> {
          assertLogins(refresh, "login_");
          assertEquals(200, refresh.getInteger("http_status"), refresh.encode());
          assertEquals(CLIENTS, refresh.getInteger("updated"), refresh.encode());
          assertEquals(0, refresh.getInteger("errors"), refresh.encode());
          assertEquals(CLIENTS, refresh.getInteger("pushes"), refresh.encode());
          ctx.completeNow();
        })));
  }

  /** The result line says every client logged in and got a roster of R items. */
  private static void assertLogins(JsonObject line, String prefix) {
    assertEquals(CLIENTS, line.getInteger(prefix + "logins"), line.encode());
    assertEquals(0, line.getInteger(prefix + "failures"), line.encode());
    assertEquals(CONTACTS, line.getInteger(prefix + "roster_items_expected"), line.encode());
    assertEquals(CLIENTS, line.getInteger(prefix + "rosters_full"), line.encode());
  }

  private static HarnessSettings settings(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return HarnessSettings.parse(all.toArray(String[]::new));
  }

  private record Ports(int c2s, int admin) {}

  /** The pieces as the benchmark config runs them, quiet ones first, on ephemeral ports. */
  private Future<Ports> deployRosterd(Vertx vertx, LoadBackend backend) {
    AdminHttpVerticle admin = new AdminHttpVerticle();
    C2sVerticle c2s = new C2sVerticle();
    return deploy(vertx, new AuthVerticle(), new JsonObject().put("provider", "http").put("url", backend.authUrl()))
        .compose(v -> deploy(vertx, new RosterFetcherVerticle(), new JsonObject().put("http_roster_url", backend.rosterUrl())))
        .compose(v -> deploy(vertx, new RosterCacheVerticle(), new JsonObject()))
        .compose(v -> deploy(vertx, new SubscriptionBlockingVerticle(), new JsonObject()))
        .compose(v -> deploy(vertx, admin, new JsonObject().put("port", 0)))
        .compose(v -> deploy(vertx, c2s, new JsonObject()
            .put("host", "127.0.0.1").put("port", 0).put("requireEncryption", false)
            .put("tls", new JsonObject().put("generatedDirectory", certificates.toString()))))
        .map(v -> new Ports(c2s.actualPort(), admin.actualPort()));
  }

  private static Future<String> deploy(Vertx vertx, Deployable verticle, JsonObject config) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.put("domain", DOMAIN)));
  }
}
