package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The load generator of issue 6: many XMPP clients from one process, against rosterd or Prosody
 * (with mod_http_roster_admin), with its own fake web application ({@link LoadBackend}) that both
 * servers fetch rosters from and rosterd checks passwords with.
 *
 * <pre>
 * java -cp ... dev.rosterd.testing.load.LoadHarness --scenario login_roster --label rosterd \
 *     --c2s-port 15222 --admin-url http://127.0.0.1:15280 --backend-port 18080 --clients 1000
 * </pre>
 *
 * Each run prints ONE line of JSON on stdout: {@code scenario}, {@code label}, {@code run}, {@code
 * at}, the scenario's settings and its figures (see each scenario class); logs go to stderr. See
 * {@link HarnessSettings} for the flags and docs/BENCHMARKS.md for the scripts around it.
 */
public final class LoadHarness {
  private LoadHarness() {}

  public static void main(String[] args) {
    HarnessSettings settings;
    try {
      settings = HarnessSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load harness: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    int status = 0;
    try {
      LoadBackend backend = settings.ownBackend()
          ? LoadBackend.start(vertx, settings).await(30, TimeUnit.SECONDS)
          : null;
      for (int run = 1; run <= settings.runs(); run++) {
        String load = loadAverage();
        JsonObject line = run(vertx, settings, backend, run).await(1, TimeUnit.HOURS);
        if (load != null) {
          // What else the machine was doing: the 2-core machines are shared with other builds.
          line.put("loadavg_at_start", load);
        }
        // The harness shares the machine's cores with the server, so its own JIT and collector
        // are part of the terms of every figure (docs/BENCHMARKS.md, "Both servers get the same terms").
        line.put("harness_jvm", jvmOptions());
        System.out.println(line.encode());
        System.out.flush();
      }
      if (backend != null) {
        backend.close().await(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("load harness: " + e.getMessage());
      status = 1;
    } finally {
      try {
        vertx.close().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("load harness: closing Vert.x: " + e.getMessage());
      }
    }
    System.exit(status);
  }

  /**
   * Runs the scenario of {@code settings} once against the configured server, with {@code backend}
   * as the web application (null when the server uses another, {@code --backend-port off});
   * completes with the result line. Callable in-process (the CI smoke).
   */
  public static Future<JsonObject> run(Vertx vertx, HarnessSettings settings, LoadBackend backend, int run) {
    JsonObject head = new JsonObject()
        .put("scenario", settings.scenario().label())
        .put("label", settings.label())
        .put("run", run)
        .put("at", Instant.now().toString())
        .put("users", settings.users().count())
        .put("contacts", settings.contacts())
        .put("groups", settings.groups().name().toLowerCase(java.util.Locale.ROOT))
        .put("tls", settings.tls().name().toLowerCase(java.util.Locale.ROOT))
        .put("sasl", settings.sasl().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .put("series", settings.series());
    Future<JsonObject> figures = switch (settings.scenario()) {
      case LOGIN_ROSTER -> LoginRoster.run(vertx, settings, backend);
      case REFRESH, CLUSTER -> refresh(vertx, settings, backend);
      case MEMORY -> IdleMemory.run(vertx, settings, backend);
      case LATENCY -> MessageLatency.run(vertx, settings, backend);
      case ATTACKED -> Attacked.run(vertx, settings, backend);
      case IDLE_WEBSOCKET -> IdleWeb.run(vertx, settings, WebFleet.Transport.WEBSOCKET);
      case IDLE_BOSH -> IdleWeb.run(vertx, settings, WebFleet.Transport.BOSH);
    };
    return figures.map(head::mergeIn);
  }

  private static Future<JsonObject> refresh(Vertx vertx, HarnessSettings settings, LoadBackend backend) {
    if (backend == null) {
      return Future.failedFuture("refresh and cluster need the harness's own backend (--backend-port)");
    }
    if (settings.scenario() == HarnessSettings.Scenario.CLUSTER && settings.targets().size() < 2) {
      return Future.failedFuture("the cluster scenario needs two or more ports in --c2s-port");
    }
    return Refresh.run(vertx, settings, backend);
  }

  /** The first three fields of /proc/loadavg (1, 5, 15 minutes), or null where there is none. */
  /** This process's JVM options, as the java command was given them. */
  private static String jvmOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-Djava.class.path"))
        .collect(Collectors.joining(" "));
  }

  private static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** Completes after {@code seconds}; at once for 0 (a Vert.x timer needs at least 1 ms). */
  static Future<Void> pause(Vertx vertx, int seconds) {
    return seconds <= 0 ? Future.succeededFuture() : vertx.timer(seconds, TimeUnit.SECONDS).mapEmpty();
  }
}
