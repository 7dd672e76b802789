package dev.rosterd.launcher;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar rosterd.jar -conf rosterd.json}: reads and checks the whole config, deploys the
 * configured pieces, and on SIGTERM or SIGINT closes Vert.x (undeploying every piece) and exits 0.
 *
 * <p>Exit status: 0 after a signal, {@value #EXIT_CONFIG} for a bad command line or config (nothing
 * was started), {@value #EXIT_START} when a piece failed to deploy or to stop.
 */
public final class Main {
  /** Environment variable with the config path, used when no {@code -conf} is given. */
  public static final String CONF_ENV = "ROSTERD_CONF";

  static final int EXIT_CONFIG = 2;
  static final int EXIT_START = 1;
  private static final long CLOSE_TIMEOUT_SECONDS = 30;
  /** How long joining the cluster may take (Hazelcast waits for the listed members first). */
  private static final long JOIN_TIMEOUT_SECONDS = 120;
  private static final String USAGE = "usage: java -jar rosterd.jar -conf <config.json> (or set " + CONF_ENV + ")";

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    CommonPoolParallelism.raise();
    System.exit(run(args, System.getenv(CONF_ENV), System.err));
  }

  static int run(String[] args, String confFromEnv, PrintStream err) {
    Path path;
    try {
      path = confPath(List.of(args), confFromEnv);
    } catch (IllegalArgumentException e) {
      err.println("rosterd: " + e.getMessage() + "; " + USAGE);
      return EXIT_CONFIG;
    }
    ShutdownSignal signal = ShutdownSignal.install();
    Vertx vertx = NodeMetrics.vertx();
    int status = run(vertx, new ConfigFile(vertx, path), signal, err);
    if (!closed(vertx)) {
      return EXIT_START;
    }
    if (status == 0) {
      LOG.info("rosterd stopped");
    }
    return status;
  }

  /**
   * Closes a Vert.x, which undeploys every piece (the c2s ends each stream with
   * {@code <system-shutdown/>}) and, when clustered, leaves the cluster; false if that failed.
   */
  private static boolean closed(Vertx vertx) {
    try {
      vertx.close().await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      LOG.error("rosterd did not stop cleanly: {}", message(e));
      return false;
    }
  }

  /**
   * Checks the config, then serves on {@code vertx}, or, with a {@code cluster} section, on a
   * clustered Vert.x that it closes again before returning the exit status.
   */
  private static int run(Vertx vertx, ConfigFile file, ShutdownSignal signal, PrintStream err) {
    RosterdConfig config;
    try {
      config = RosterdConfig.read(readJson(file), PieceCatalog.standard());
    } catch (ConfigException e) {
      err.println("rosterd: bad config " + file.path() + ": " + e.getMessage());
      return EXIT_CONFIG;
    } catch (IllegalStateException e) {
      err.println("rosterd: cannot read config " + file.path() + ": " + e.getMessage());
      return EXIT_CONFIG;
    }
    if (config.cluster() == null) {
      return serve(vertx, config, file, signal);
    }
    Vertx clustered;
    try {
      clustered = ClusterJoin.vertx(config.cluster()).await(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("rosterd did not join the cluster: {}", message(e));
      return EXIT_START;
    }
    int status = serve(clustered, config, file, signal);
    return closed(clustered) ? status : EXIT_START;
  }

  /** Deploys the configured pieces on {@code vertx} and waits for a signal; the exit status. */
  private static int serve(Vertx vertx, RosterdConfig config, ConfigFile file, ShutdownSignal signal) {
    RosterdNode node = new RosterdNode(vertx);
    CompletableFuture<List<Deployment>> started =
        node.deployAll(config)
            .onSuccess(d -> new ConfigWatch(node, PieceCatalog.standard(), config, file.path().toString())
                .start(vertx, file))
            .toCompletionStage()
            .toCompletableFuture();
    try {
      CompletableFuture.anyOf(started, signal.received()).join();
    } catch (CompletionException e) {
      LOG.error("rosterd did not start: {}", message(e));
      return EXIT_START;
    }
    if (started.isDone()) {
      LOG.info("rosterd started for domain {}: {}", config.domain(), describe(config));
    }
    LOG.info("rosterd stopping on {}", signal.received().join());
    return 0;
  }

  private static JsonObject readJson(ConfigFile file) {
    try {
      return file.read().await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(message(e), e);
    }
  }

  /** The config path from {@code -conf <path>}, else from the environment variable. */
  static Path confPath(List<String> args, String confFromEnv) {
    if (args.isEmpty()) {
      if (confFromEnv == null || confFromEnv.isBlank()) {
        throw new IllegalArgumentException("no config file given");
      }
      return Path.of(confFromEnv);
    }
    if (args.size() == 2 && (args.get(0).equals("-conf") || args.get(0).equals("--conf"))) {
      return Path.of(args.get(1));
    }
    throw new IllegalArgumentException("unexpected arguments " + String.join(" ", args));
  }

  /** The start line's list of pieces, e.g. {@code auth, c2s on 0.0.0.0:5222 (2 instances)}. */
  static String describe(RosterdConfig config) {
    return config.pieces().stream()
        .map(
            p ->
                p.name()
                    + (p.endpoint() == null ? "" : " on " + p.endpoint())
                    + (p.instances() == 1 ? "" : " (" + p.instances() + " instances)"))
        .collect(Collectors.joining(", "));
  }

  /** The message of a failure, without the wrappers futures put around it. */
  private static String message(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t.getMessage() == null) && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    // The operator gets one line: parsers' messages may add the position on a line of its own.
    return m.replaceAll("\\s*\\R\\s*", " ");
  }
}
