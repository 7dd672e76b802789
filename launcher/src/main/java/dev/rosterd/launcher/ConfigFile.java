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
 * is read once at start; {@link #watching} makes the retriever that watches it afterwards.
 */
public final class ConfigFile {
  private final Path path;
  private final ConfigRetriever retriever;

  public ConfigFile(Vertx vertx, Path path) {
    this.path = path.toAbsolutePath().normalize();
    this.retriever =
        ConfigRetriever.create(
            vertx,
            new ConfigRetrieverOptions()
                .setIncludeDefaultStores(false)
                .addStore(store())
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

  /**
   * A second retriever of the same file that reads it every {@code scanPeriodMs} and tells its
   * listeners when the content changed (vertx-config compares the parsed JSON); a scan that fails
   * (the file is missing or not JSON) goes to its config stream's exception handler.
   */
  public ConfigRetriever watching(Vertx vertx, long scanPeriodMs) {
    return ConfigRetriever.create(
        vertx,
        new ConfigRetrieverOptions()
            .setIncludeDefaultStores(false)
            .addStore(store())
            .setScanPeriod(scanPeriodMs));
  }

  private ConfigStoreOptions store() {
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat("json")
        .setConfig(new JsonObject().put("path", path.toString()));
  }
}
