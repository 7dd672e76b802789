package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosterd.common.config.ConfigException;
import dev.rosterd.launcher.RosterdConfig.ConfiguredPiece;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real pieces' options behind the launcher's check, and the config rosterd ships with. */
class StandardCatalogTest {
  private static JsonObject shipped() throws Exception {
    // Tests run in the launcher module; the shipped config is at the repository root.
    return new JsonObject(Files.readString(Path.of("..", "conf", "rosterd.json")));
  }

  private static ConfigException rejected(JsonObject config) {
    return assertThrows(
        ConfigException.class, () -> RosterdConfig.read(config, PieceCatalog.standard()));
  }

  @Test
  void theShippedConfigDeploysEveryPieceListenersLast() throws Exception {
    RosterdConfig config = RosterdConfig.read(shipped(), PieceCatalog.standard());
    assertEquals("localhost", config.domain());
    assertEquals(
        List.of("auth", "rosterFetcher", "rosterCache", "subscriptionBlocking", "archive", "demoBackend", "admin", "c2s"),
        config.pieces().stream().map(ConfiguredPiece::name).toList());
    assertEquals(
        "auth, rosterFetcher, rosterCache, subscriptionBlocking, archive, demoBackend on 127.0.0.1:8080,"
            + " admin on 127.0.0.1:5280, c2s on 0.0.0.0:5222",
        Main.describe(config));
  }

  @Test
  void everySectionOfTheCatalogIsKnown() {
    assertEquals(
        List.of("auth", "rosterFetcher", "rosterCache", "subscriptionBlocking", "archive", "demoBackend", "admin",
            "c2s"),
        PieceCatalog.standard().sections());
  }

  @Test
  void anArchiveSectionIsCheckedWithTheRest() throws Exception {
    JsonObject config = shipped().put("archive", new JsonObject().put("retentionDays", -1));
    assertEquals("archive.retentionDays", rejected(config).key());
    config.put("archive", new JsonObject());
    assertEquals(
        List.of("auth", "rosterFetcher", "rosterCache", "subscriptionBlocking", "archive", "demoBackend", "admin",
            "c2s"),
        RosterdConfig.read(config, PieceCatalog.standard()).pieces().stream().map(ConfiguredPiece::name).toList());
  }

  @Test
  void unknownTopLevelKey() throws Exception {
    assertEquals("c2ss", rejected(shipped().put("c2ss", new JsonObject())).key());
  }

  @Test
  void unknownKeyInsideASection() throws Exception {
    JsonObject config = shipped();
    config.getJsonObject("c2s").put("prot", 5222);
    ConfigException e = rejected(config);
    assertEquals("c2s.prot", e.key());
    assertEquals("c2s.prot: unknown key", e.getMessage());
  }

  @Test
  void missingDomain() throws Exception {
    JsonObject config = shipped();
    config.remove("domain");
    assertEquals("domain", rejected(config).key());
  }

  @Test
  void wrongType() throws Exception {
    JsonObject config = shipped();
    config.getJsonObject("c2s").put("port", "abc");
    ConfigException e = rejected(config);
    assertEquals("c2s.port", e.key());
    assertEquals("c2s.port: expected an integer from 0 to 65535, got \"abc\"", e.getMessage());
  }

  @Test
  void aMissingRequiredKeyOfAPiece() throws Exception {
    JsonObject config = shipped();
    config.getJsonObject("rosterFetcher").remove("http_roster_url");
    assertEquals("rosterFetcher.http_roster_url", rejected(config).key());
  }

  @Test
  void aBadValueInTheLastSectionStillStopsEverything() throws Exception {
    JsonObject config = shipped();
    config.getJsonObject("auth").put("provider", "ldap");
    assertEquals("auth.provider", rejected(config).key());
  }
}
