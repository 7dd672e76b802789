package dev.rosterd.launcher;

import dev.rosterd.common.config.ConfigException;
import dev.rosterd.launcher.RosterdConfig.ConfiguredPiece;
import io.vertx.config.ConfigRetriever;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redeploys the pieces whose section of the config file changed, and only those. The file is read
 * every {@code watchConfigMs} by a vertx-config {@link ConfigRetriever}; a new content is checked as
 * a whole, like at start, and compared section by section with the content last applied from the
 * file (not with what runs, so a piece redeployed through the admin endpoint keeps its config until
 * its own section in the file changes). A changed section is redeployed, a new one deployed, a
 * removed one undeployed. An edit that does not check (bad JSON, a bad key, another domain) is
 * logged with the reason and changes nothing.
 */
final class ConfigWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatch.class);

  private final RosterdNode node;
  private final PieceCatalog catalog;
  private final String path;
  private RosterdConfig applied;
  private Future<Void> applying = Future.succeededFuture();
  private ConfigRetriever retriever;
  private volatile int rejected;

  /**
   * @param applied the config the node was deployed with
   */
  ConfigWatch(RosterdNode node, PieceCatalog catalog, RosterdConfig applied, String path) {
    this.node = node;
    this.catalog = catalog;
    this.applied = applied;
    this.path = path;
  }

  /** Starts watching {@code file}; nothing happens when {@code watchConfigMs} is 0. */
  void start(Vertx vertx, ConfigFile file) {
    if (applied.watchConfigMs() <= 0) {
      return;
    }
    retriever = file.watching(vertx, applied.watchConfigMs());
    retriever.configStream().exceptionHandler(e -> {
      rejected++;
      LOG.warn("config {} not applied: cannot read it: {}", path, oneLine(e));
    });
    retriever.listen(change -> {
      clusterChange(change.getPreviousConfiguration(), change.getNewConfiguration());
      apply(change.getNewConfiguration());
    });
    LOG.info("watching {} for changes every {} ms", path, applied.watchConfigMs());
  }

  /** The cluster a node is in is chosen when Vert.x starts: a change only applies at a restart. */
  private void clusterChange(JsonObject before, JsonObject after) {
    if (!before.isEmpty() && !Objects.equals(before.getValue("cluster"), after.getValue("cluster"))) {
      LOG.warn("config {}: cluster: changing it needs a restart; the pieces' sections are applied", path);
    }
  }

  /** How many contents of the file were not applied because they did not check. */
  int rejected() {
    return rejected;
  }

  void close() {
    if (retriever != null) {
      retriever.close();
    }
  }

  /** Applies a new content of the file; completes once every change it made is done. */
  synchronized Future<Void> apply(JsonObject json) {
    applying = applying.transform(ar -> applyNow(json));
    return applying;
  }

  private Future<Void> applyNow(JsonObject json) {
    RosterdConfig next;
    try {
      next = RosterdConfig.read(json, catalog);
    } catch (ConfigException e) {
      rejected++;
      LOG.warn("config {} not applied: {}", path, e.getMessage());
      return Future.succeededFuture();
    }
    if (!next.domain().equals(applied.domain())) {
      rejected++;
      LOG.warn("config {} not applied: domain: changing it needs a restart (running {}, file says {})",
          path, applied.domain(), next.domain());
      return Future.succeededFuture();
    }
    List<Future<?>> done = new ArrayList<>();
    Map<String, ConfiguredPiece> before = byName(applied);
    Map<String, ConfiguredPiece> after = byName(next);
    for (ConfiguredPiece p : RosterdNode.inDeployOrder(next.pieces())) {
      ConfiguredPiece old = before.get(p.name());
      if (old == null) {
        LOG.info("config {}: {} added", path, p.name());
        done.add(node.add(p));
      } else if (changed(old, p)) {
        LOG.info("config {}: {} changed, redeploying it", path, p.name());
        done.add(node.replace(p));
      }
    }
    before.keySet().stream().filter(n -> !after.containsKey(n)).forEach(n -> done.add(node.remove(n)));
    applied = next;
    return Future.join(done).transform(ar -> {
      if (ar.failed()) {
        LOG.warn("config {}: not every change could be deployed: {}", path, oneLine(ar.cause()));
      }
      return Future.succeededFuture();
    });
  }

  private static boolean changed(ConfiguredPiece a, ConfiguredPiece b) {
    return a.instances() != b.instances() || !Objects.equals(a.deploymentConfig(), b.deploymentConfig());
  }

  private static Map<String, ConfiguredPiece> byName(RosterdConfig config) {
    Map<String, ConfiguredPiece> m = new LinkedHashMap<>();
    config.pieces().forEach(p -> m.put(p.name(), p));
    return m;
  }

  private static String oneLine(Throwable e) {
    Throwable t = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
    return String.valueOf(t.getMessage()).replaceAll("\\s*\\R\\s*", " ");
  }
}
