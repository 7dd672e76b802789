package dev.rosterd.launcher;

import dev.rosterd.launcher.RosterdConfig.ConfiguredPiece;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces this process runs in one Vert.x instance, deployed from a checked {@link
 * RosterdConfig}. Each piece is its own Vert.x deployment, so one piece can later be undeployed and
 * deployed again without touching the others.
 */
public final class RosterdNode {
  private final Vertx vertx;
  private final Map<String, Deployment> deployments = new LinkedHashMap<>();

  public RosterdNode(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Deploys every configured piece, one after the other: those that only use the event bus first,
   * then those that listen (admin, c2s), so that no client or request arrives before the pieces it
   * needs. Fails with the first piece that fails to deploy; the pieces deployed before it stay
   * deployed (closing Vert.x undeploys them).
   */
  public Future<List<Deployment>> deployAll(RosterdConfig config) {
    List<ConfiguredPiece> ordered = new ArrayList<>(config.pieces());
    ordered.sort(Comparator.comparing(p -> p.piece().listens()));
    Future<Void> chain = Future.succeededFuture();
    for (ConfiguredPiece piece : ordered) {
      chain = chain.compose(v -> deploy(piece).mapEmpty());
    }
    return chain.map(v -> deployments());
  }

  /** Deploys one piece with its instance count and its own deployment config. */
  public Future<Deployment> deploy(ConfiguredPiece piece) {
    DeploymentOptions options =
        new DeploymentOptions()
            .setInstances(piece.instances())
            .setConfig(piece.deploymentConfig().copy());
    return vertx
        .deployVerticle(piece.piece().verticle(), options)
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "cannot deploy " + piece.name() + ": " + reason(e), e)))
        .map(id -> record(new Deployment(piece, id, Instant.now())));
  }

  /** The running deployments, in the order they were deployed. */
  public synchronized List<Deployment> deployments() {
    return List.copyOf(deployments.values());
  }

  private synchronized Deployment record(Deployment d) {
    deployments.put(d.name(), d);
    return d;
  }

  private static String reason(Throwable e) {
    // An Error (a class missing from the jar) says little without its type.
    if (e instanceof Error || e.getMessage() == null) {
      return e.toString();
    }
    return e.getMessage();
  }
}
