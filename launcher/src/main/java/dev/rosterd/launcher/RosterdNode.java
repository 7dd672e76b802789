package dev.rosterd.launcher;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.NodeDeployments;
import dev.rosterd.common.bus.PieceDeployment;
import dev.rosterd.common.bus.PieceRedeploy;
import dev.rosterd.common.config.ConfigException;
import dev.rosterd.common.config.ConfigReader;
import dev.rosterd.launcher.RosterdConfig.ConfiguredPiece;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pieces this process runs in one Vert.x instance, deployed from a checked {@link
 * RosterdConfig}. Each piece is its own Vert.x deployment, so one piece can be undeployed and
 * deployed again without touching the others ({@link #redeploy}), on request of the admin router
 * over the event bus ({@link Addresses#NODE_DEPLOYMENTS}, {@link Addresses#NODE_REDEPLOY}) or
 * when the config file changes ({@link ConfigWatch}).
 *
 * <p>Changes of deployments run one at a time, in the order they were asked for, so a file edit
 * and an admin request for the same piece never interleave.
 */
public final class RosterdNode {
  private static final Logger LOG = LoggerFactory.getLogger(RosterdNode.class);

  private final Vertx vertx;
  /** What this node should run, by section name: the config as last applied. */
  private final Map<String, ConfiguredPiece> wanted = new LinkedHashMap<>();
  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private Future<?> changes = Future.succeededFuture();
  private String domain;

  public RosterdNode(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Deploys every configured piece, one after the other: those that only use the event bus first,
   * then those that listen (admin, c2s), so that no client or request arrives before the pieces it
   * needs. Fails with the first piece that fails to deploy; the pieces deployed before it stay
   * deployed (closing Vert.x undeploys them). The node answers on the event bus from the start.
   */
  public Future<List<Deployment>> deployAll(RosterdConfig config) {
    synchronized (this) {
      domain = config.domain();
      config.pieces().forEach(p -> wanted.put(p.name(), p));
    }
    Future<Void> chain = listen();
    for (ConfiguredPiece piece : inDeployOrder(config.pieces())) {
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

  /**
   * Undeploys the piece {@code name} and deploys it again, with {@code section} (a config section
   * as in the file) or, when null, with the config it runs with. The section is checked first with
   * the piece's options class: a bad one fails with a {@link ConfigException} and the running
   * deployment is untouched. If the new deployment fails, the previous config is deployed again
   * and the failure is reported.
   */
  public Future<Deployment> redeploy(String name, JsonObject section) {
    ConfiguredPiece next;
    try {
      next = checked(new PieceRedeploy(name, section, false));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return replace(next);
  }

  /** Replaces the running deployment of {@code next}'s piece (if any) with {@code next}. */
  Future<Deployment> replace(ConfiguredPiece next) {
    return serially(() -> {
      ConfiguredPiece previous;
      synchronized (this) {
        previous = wanted.put(next.name(), next);
      }
      return undeploy(next.name())
          .compose(v -> deploy(next))
          .onSuccess(d -> LOG.info("{} redeployed (deployment {}, config {})",
              d.name(), d.deploymentId(), d.toBus().configHash().substring(0, 12)))
          .recover(e -> rollBack(previous, next, e));
    });
  }

  private Future<Deployment> rollBack(ConfiguredPiece previous, ConfiguredPiece failed, Throwable e) {
    if (previous == null || previous == failed) {
      LOG.warn("{}", e.getMessage());
      return Future.failedFuture(e);
    }
    LOG.warn("{}; deploying its previous config again", e.getMessage());
    synchronized (this) {
      wanted.put(previous.name(), previous);
    }
    return deploy(previous).transform(ar -> Future.failedFuture(e));
  }

  /** Adds a piece that was not configured before. */
  Future<Deployment> add(ConfiguredPiece piece) {
    return replace(piece);
  }

  /** Stops running a piece and forgets it (its section was removed from the config). */
  Future<Void> remove(String name) {
    return serially(() -> {
      synchronized (this) {
        wanted.remove(name);
      }
      return undeploy(name).onSuccess(v -> LOG.info("{} undeployed: its section left the config", name));
    });
  }

  /** The running deployments, in the order they were first deployed. */
  public synchronized List<Deployment> deployments() {
    return List.copyOf(deployments.values());
  }

  /**
   * What runs and what is missing: a piece of the config is missing while it is between undeploy
   * and deploy, when its deploy failed, or when its deployment was undeployed behind the node's
   * back.
   */
  public synchronized NodeDeployments status() {
    List<PieceDeployment> running = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : wanted.keySet()) {
      Deployment d = deployments.get(name);
      if (d != null && vertx.deploymentIDs().contains(d.deploymentId())) {
        running.add(d.toBus());
      } else {
        missing.add(name);
      }
    }
    return new NodeDeployments(running, missing);
  }

  static List<ConfiguredPiece> inDeployOrder(List<ConfiguredPiece> pieces) {
    List<ConfiguredPiece> ordered = new ArrayList<>(pieces);
    ordered.sort(Comparator.comparing(p -> p.piece().listens()));
    return ordered;
  }

  private Future<Void> undeploy(String name) {
    Deployment d;
    synchronized (this) {
      d = deployments.remove(name);
    }
    if (d == null || !vertx.deploymentIDs().contains(d.deploymentId())) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(d.deploymentId());
  }

  /** Runs {@code change} after every change asked for before it, whatever their outcome. */
  private synchronized <T> Future<T> serially(Supplier<Future<T>> change) {
    Future<T> next = changes.transform(ar -> change.get());
    changes = next;
    return next;
  }

  private synchronized Deployment record(Deployment d) {
    deployments.put(d.name(), d);
    return d;
  }

  // ---- the event-bus side, for the admin router ----

  private Future<Void> listen() {
    return Future.all(
            vertx.eventBus().<JsonObject>localConsumer(Addresses.NODE_DEPLOYMENTS,
                m -> m.reply(status().toJson())).completion(),
            vertx.eventBus().<JsonObject>localConsumer(Addresses.NODE_REDEPLOY, this::onRedeploy)
                .completion())
        .mapEmpty();
  }

  private void onRedeploy(Message<JsonObject> m) {
    PieceRedeploy request = m.body() == null ? null : PieceRedeploy.fromJson(m.body());
    if (request == null || request.name() == null) {
      m.fail(BusFailure.BAD_REQUEST, "redeploy without a piece name");
      return;
    }
    ConfiguredPiece checked;
    try {
      checked = checked(request);
    } catch (NoSuchPiece e) {
      m.fail(BusFailure.NOT_FOUND, e.getMessage());
      return;
    } catch (ConfigException e) {
      m.fail(BusFailure.BAD_REQUEST, e.getMessage());
      return;
    }
    if (request.answerFirst()) {
      m.reply(new PieceDeployment(checked.name(), null, checked.instances(), Deployment.hash(checked), null)
          .toJson());
    }
    replace(checked).onComplete(ar -> {
      if (request.answerFirst()) {
        return;
      }
      if (ar.succeeded()) {
        m.reply(ar.result().toBus().toJson());
      } else {
        m.fail(BusFailure.UNAVAILABLE, ar.cause().getMessage());
      }
    });
  }

  private synchronized ConfiguredPiece checked(PieceRedeploy request) {
    ConfiguredPiece current = wanted.get(request.name());
    if (current == null) {
      throw new NoSuchPiece(request.name());
    }
    return request.config() == null
        ? current
        : RosterdConfig.configure(current.piece(), new ConfigReader(request.config(), request.name()), domain);
  }

  private static String reason(Throwable e) {
    // An Error (a class missing from the jar) says little without its type.
    if (e instanceof Error || e.getMessage() == null) {
      return e.toString();
    }
    return e.getMessage();
  }

  /** The node runs no piece of that name. */
  static final class NoSuchPiece extends RuntimeException {
    NoSuchPiece(String name) {
      super("this node runs no piece \"" + name + "\"", null, false, false);
    }
  }
}
