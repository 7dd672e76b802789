package dev.rosterd.launcher;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The JSON config file, read through vertx-config's {@link ConfigRetriever} with a single file
 * store (no environment or system-property stores, so what runs is what the file says). The file
 * is read once at start; the same retriever is kept so that it can also watch the file.
 */
public final class ConfigFile {
  private final Path path;
  private final ConfigRetriever retriever;

  public ConfigFile(Vertx vertx, Path path) {
    this.path = path.toAbsolutePath().normalize();
    ConfigStoreOptions file =
        new ConfigStoreOptions()
            .setType("file")
            .setFormat("json")
            .setConfig(new JsonObject().put("path", this.path.toString()));
    this.retriever =
        ConfigRetriever.create(
            vertx,
            new ConfigRetrieverOptions()
                .setIncludeDefaultStores(false)
                .addStore(file)
                .setScanPeriod(0));
  }

  public Path path() {
    return path;
  }

  /** Reads and parses the file; fails when it is missing or not a JSON object. */
  public Future<JsonObject> read() {
    return retriever.getConfig();
  }

  public ConfigRetriever retriever() {
    return retriever;
  }
}
