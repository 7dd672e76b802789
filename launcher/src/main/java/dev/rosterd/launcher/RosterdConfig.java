package dev.rosterd.launcher;

import dev.rosterd.common.config.ConfigException;
import dev.rosterd.common.config.ConfigReader;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jxmpp.jid.Jid;

/**
 * The whole config file, checked before anything is deployed: the server's domain, then one
 * section per piece to deploy. Building it constructs every piece's options, so any bad key anywhere
 * stops the start with one {@link ConfigException} before a port opens.
 *
 * <pre>{@code
 * {
 *   "domain": "example.com",
 *   "c2s":   { "port": 5222, "instances": 2 },
 *   "auth":  { ... },
 *   ...
 * }
 * }</pre>
 *
 * @param domain the normalised XMPP domain this server serves
 * @param pieces the configured pieces, in the catalog's order
 * @param watchConfigMs how often the file is looked at for changes; 0: never
 * @param cluster the Hazelcast cluster to join (the {@code cluster} section), or null to run alone
 */
public record RosterdConfig(
    String domain, List<ConfiguredPiece> pieces, long watchConfigMs, ClusterOptions cluster) {
  /** Required top-level key: the XMPP domain (a domain JID such as {@code example.com}). */
  public static final String DOMAIN = "domain";

  /**
   * Launcher-only key of every piece section: how many verticle instances to deploy (at least 1).
   * It is removed from the section before the piece sees it.
   */
  public static final String INSTANCES = "instances";

  public static final int DEFAULT_INSTANCES = 1;

  /**
   * Optional top-level key: every how many milliseconds the config file is read again; the pieces
   * whose section changed are redeployed (see {@link ConfigWatch}). 0 turns watching off. Default
   * {@value #DEFAULT_WATCH_CONFIG_MS}.
   */
  public static final String WATCH_CONFIG_MS = "watchConfigMs";

  public static final long DEFAULT_WATCH_CONFIG_MS = 2000;
  public static final int MAX_INSTANCES = 256;

  /**
   * A piece that will be deployed.
   *
   * @param piece what the piece is
   * @param instances how many verticle instances
   * @param deploymentConfig the verticle's config: its section minus {@code instances}, plus {@code
   *     domain}
   * @param options the piece's options as built from {@code deploymentConfig}
   */
  public record ConfiguredPiece(
      Piece<?> piece, int instances, JsonObject deploymentConfig, Object options) {
    public String name() {
      return piece.section();
    }

    /** Where the piece listens ({@code host:port}), or null when it does not. */
    public String endpoint() {
      return piece.endpointOf(options);
    }
  }

  /** Checks the whole config; the first problem found is thrown. */
  public static RosterdConfig read(JsonObject json, PieceCatalog catalog) {
    Jids.setUp();
    ConfigReader top = new ConfigReader(json, "");
    String domain = domain(top);
    long watchConfigMs = top.longValue(WATCH_CONFIG_MS, DEFAULT_WATCH_CONFIG_MS, 0, 86_400_000);
    ClusterOptions cluster =
        top.has(ClusterOptions.SECTION) ? new ClusterOptions(top.section(ClusterOptions.SECTION)) : null;
    List<Piece<?>> present = new ArrayList<>();
    for (Piece<?> piece : catalog.pieces()) {
      if (top.has(piece.section())) {
        present.add(piece);
      }
    }
    top.rejectUnknownKeys();
    if (present.isEmpty()) {
      throw new ConfigException(
          String.join("|", catalog.sections()), "no piece configured: add at least one section");
    }
    List<ConfiguredPiece> pieces = new ArrayList<>();
    for (Piece<?> piece : present) {
      pieces.add(configure(piece, top.section(piece.section()), domain));
    }
    return new RosterdConfig(domain, List.copyOf(pieces), watchConfigMs, cluster);
  }

  /** One piece's config section, checked on its own (e.g. a replacement for a running piece). */
  public static ConfiguredPiece configure(Piece<?> piece, ConfigReader section, String domain) {
    int instances = section.integer(INSTANCES, DEFAULT_INSTANCES, 1, MAX_INSTANCES);
    if (section.json().containsKey(DOMAIN)) {
      throw section.invalid(DOMAIN, "is set once, at the top level of the config, not per piece");
    }
    JsonObject deploymentConfig = section.json().copy();
    deploymentConfig.remove(INSTANCES);
    deploymentConfig.put(DOMAIN, domain);
    Object options;
    try {
      options = piece.check(deploymentConfig);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      // An options class that failed some other way still must not start a half-checked server.
      throw new ConfigException(piece.section(), "invalid: " + e.getMessage());
    }
    return new ConfiguredPiece(piece, instances, deploymentConfig, options);
  }

  private static String domain(ConfigReader top) {
    String raw = top.requiredString(DOMAIN);
    return Jids.parse(raw)
        .filter(Jid::isDomainBareJid)
        .map(Jid::toString)
        .orElseThrow(
            () -> top.invalid(DOMAIN, "expected a domain name such as example.com, got \"" + raw + "\""));
  }
}
