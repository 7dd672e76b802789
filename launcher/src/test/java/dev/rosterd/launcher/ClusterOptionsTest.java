package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.rosterd.common.config.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code cluster} section: defaults, each mistake named by its key, and the Hazelcast config. */
class ClusterOptionsTest {
  private static final JsonObject CATALOG_CONFIG =
      new JsonObject().put("domain", "example.com").put("subscriptionBlocking", new JsonObject());

  private static RosterdConfig read(JsonObject cluster) {
    return RosterdConfig.read(CATALOG_CONFIG.copy().put("cluster", cluster), PieceCatalog.standard());
  }

  private static String error(JsonObject cluster) {
    return assertThrows(ConfigException.class, () -> read(cluster)).getMessage();
  }

  @Test
  void withoutTheSectionTheNodeRunsAlone() {
    assertNull(RosterdConfig.read(CATALOG_CONFIG.copy(), PieceCatalog.standard()).cluster());
  }

  @Test
  void anEmptySectionTakesTheDefaults() {
    ClusterOptions o = read(new JsonObject()).cluster();
    assertEquals("rosterd", o.name());
    assertEquals("127.0.0.1", o.host());
    assertEquals(5701, o.port());
    assertEquals(0, o.busPort());
    assertEquals(List.of(), o.members());
    assertEquals(5, o.heartbeatSeconds());
    assertEquals(60, o.maxNoHeartbeatSeconds());
    assertEquals(5, o.joinWaitSeconds());
  }

  @Test
  void eachMistakeNamesItsKey() {
    assertTrue(error(new JsonObject().put("prot", 5701)).startsWith("cluster.prot: unknown key"));
    assertTrue(error(new JsonObject().put("port", 70000)).startsWith("cluster.port: expected an integer"));
    assertTrue(error(new JsonObject().put("host", "localhost")).startsWith("cluster.host: expected an IPv4 address"));
    assertTrue(error(new JsonObject().put("members", "127.0.0.1:5701")).startsWith("cluster.members: expected an array"));
    assertTrue(error(new JsonObject().put("members", new JsonArray().add("127.0.0.1")))
        .startsWith("cluster.members[0]: expected \"host:port\""));
    assertTrue(error(new JsonObject().put("members", new JsonArray().add("127.0.0.1:5701").add("10.0.0.2:x")))
        .startsWith("cluster.members[1]: expected a port"));
    assertTrue(error(new JsonObject().put("heartbeatSeconds", 10).put("maxNoHeartbeatSeconds", 10))
        .startsWith("cluster.maxNoHeartbeatSeconds: must be greater than heartbeatSeconds"));
    assertTrue(error(new JsonObject().put("name", " ")).startsWith("cluster.name:"));
    assertTrue(assertThrows(ConfigException.class,
        () -> RosterdConfig.read(CATALOG_CONFIG.copy().put("cluster", "yes"), PieceCatalog.standard()))
        .getMessage().startsWith("cluster: expected an object"));
  }

  @Test
  void hazelcastJoinsOnlyTheListedMembersOnTheConfiguredAddress() {
    ClusterOptions o = read(new JsonObject()
        .put("name", "east")
        .put("host", "10.0.0.5")
        .put("port", 5801)
        .put("members", new JsonArray().add("10.0.0.6:5801"))
        .put("heartbeatSeconds", 2)
        .put("maxNoHeartbeatSeconds", 9)).cluster();
    Config hz = ClusterJoin.hazelcast(o);

    assertEquals("east", hz.getClusterName());
    JoinConfig join = hz.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.6:5801"), join.getTcpIpConfig().getMembers());
    assertEquals(5801, hz.getNetworkConfig().getPort());
    assertFalse(hz.getNetworkConfig().isPortAutoIncrement());
    assertTrue(hz.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals(List.of("10.0.0.5"), List.copyOf(hz.getNetworkConfig().getInterfaces().getInterfaces()));
    assertEquals("false", hz.getProperty("hazelcast.socket.bind.any"));
    assertEquals("false", hz.getProperty("hazelcast.phone.home.enabled"));
    assertEquals("2", hz.getProperty("hazelcast.heartbeat.interval.seconds"));
    assertEquals("9", hz.getProperty("hazelcast.max.no.heartbeat.seconds"));
  }

  @Test
  void theShippedTwoNodeConfigsCheckAndPointAtEachOther() throws Exception {
    // Tests run in the launcher module; the shipped configs are at the repository root.
    ClusterOptions a = shipped("cluster-node-a.json");
    ClusterOptions b = shipped("cluster-node-b.json");
    assertEquals(List.of("127.0.0.1:" + b.port()), a.members());
    assertEquals(List.of("127.0.0.1:" + a.port()), b.members());
    assertEquals(a.name(), b.name());
  }

  private static ClusterOptions shipped(String file) throws Exception {
    JsonObject json = new JsonObject(Files.readString(Path.of("..", "conf", file)));
    return RosterdConfig.read(json, PieceCatalog.standard()).cluster();
  }
}
