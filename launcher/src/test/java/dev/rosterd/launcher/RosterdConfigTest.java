package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.config.ConfigException;
import dev.rosterd.launcher.RosterdConfig.ConfiguredPiece;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The launcher's own checks, over small test pieces: each bad config names its key. */
class RosterdConfigTest {
  private static final PieceCatalog CATALOG = TestPieces.catalog();

  private static JsonObject good() {
    return new JsonObject()
        .put("domain", "example.com")
        .put("listener", new JsonObject().put("port", 5222).put("instances", 3))
        .put("quiet", new JsonObject());
  }

  private static ConfigException rejected(JsonObject config) {
    return assertThrows(ConfigException.class, () -> RosterdConfig.read(config, CATALOG));
  }

  @Test
  void aPieceGetsItsSectionWithoutInstancesAndWithTheDomain() {
    RosterdConfig config = RosterdConfig.read(good().put("domain", "Example.COM"), CATALOG);
    assertEquals("example.com", config.domain());
    ConfiguredPiece listener = config.pieces().get(0);
    assertEquals("listener", listener.name());
    assertEquals(3, listener.instances());
    assertEquals(
        new JsonObject().put("port", 5222).put("domain", "example.com"),
        listener.deploymentConfig());
    assertEquals("127.0.0.1:5222", listener.endpoint());
    assertEquals(1, config.pieces().get(1).instances());
  }

  @Test
  void onlyPiecesWithASectionAreConfigured() {
    RosterdConfig config = RosterdConfig.read(good().copy().put("listener", null), CATALOG);
    assertEquals(1, config.pieces().size());
    assertEquals("quiet", config.pieces().get(0).name());
  }

  @Test
  void unknownTopLevelKey() {
    ConfigException e = rejected(good().put("listner", new JsonObject()));
    assertEquals("listner", e.key());
    assertEquals("listner: unknown key", e.getMessage());
  }

  @Test
  void unknownKeyInsideASection() {
    ConfigException e = rejected(good().put("quiet", new JsonObject().put("flagg", true)));
    assertEquals("quiet.flagg", e.key());
  }

  @Test
  void missingDomain() {
    JsonObject config = good();
    config.remove("domain");
    ConfigException e = rejected(config);
    assertEquals("domain", e.key());
    assertTrue(e.getMessage().contains("required"), e.getMessage());
  }

  @Test
  void domainThatIsNotADomainName() {
    ConfigException e = rejected(good().put("domain", "user@example.com"));
    assertEquals("domain", e.key());
    assertTrue(e.getMessage().contains("expected a domain name"), e.getMessage());
  }

  @Test
  void wrongTypeInsideASection() {
    ConfigException e = rejected(good().put("listener", new JsonObject().put("port", "abc")));
    assertEquals("listener.port", e.key());
    assertEquals(
        "listener.port: expected an integer from 0 to 65535, got \"abc\"", e.getMessage());
  }

  @Test
  void sectionThatIsNotAnObject() {
    assertEquals("quiet", rejected(good().put("quiet", 5)).key());
  }

  @Test
  void instancesBelowOne() {
    ConfigException e = rejected(good().put("quiet", new JsonObject().put("instances", 0)));
    assertEquals("quiet.instances", e.key());
  }

  @Test
  void domainInsideASection() {
    ConfigException e =
        rejected(good().put("quiet", new JsonObject().put("domain", "other.example")));
    assertEquals("quiet.domain", e.key());
  }

  @Test
  void noPieceAtAll() {
    ConfigException e = rejected(new JsonObject().put("domain", "example.com"));
    assertTrue(e.getMessage().contains("no piece configured"), e.getMessage());
  }
}
