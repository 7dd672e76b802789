package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a new content of the config file does to the running pieces, over the small test pieces:
 * only changed sections are redeployed, new ones deployed, removed ones undeployed, and a content
 * that does not check (or names another domain) changes nothing.
 */
@ExtendWith(VertxExtension.class)
class ConfigWatchTest {
  private static JsonObject config(boolean flag) {
    return new JsonObject()
        .put("domain", "example.com")
        .put("listener", new JsonObject())
        .put("quiet", new JsonObject().put("flag", flag));
  }

  @Test
  void onlyTheChangedSectionIsRedeployed(Vertx vertx) throws Exception {
    Fixture f = new Fixture(vertx, config(false));
    Map<String, String> before = f.ids();

    await(f.watch.apply(config(true)));

    Map<String, String> after = f.ids();
    assertNotEquals(before.get("quiet"), after.get("quiet"));
    assertEquals(before.get("listener"), after.get("listener"));
    assertEquals(true, f.node.deployments().stream().filter(d -> d.name().equals("quiet")).findFirst()
        .orElseThrow().piece().deploymentConfig().getBoolean("flag"));
  }

  @Test
  void aRemovedSectionIsUndeployedAndAnAddedOneDeployed(Vertx vertx) throws Exception {
    Fixture f = new Fixture(vertx, config(false));
    JsonObject without = config(false);
    without.remove("quiet");

    await(f.watch.apply(without));
    assertEquals(List.of("listener"), List.copyOf(f.ids().keySet()));
    assertEquals(List.of(), f.node.status().missing(), "a removed piece is not missing");

    await(f.watch.apply(config(false)));
    assertEquals(List.of("listener", "quiet"), f.ids().keySet().stream().sorted().toList());
  }

  @Test
  void aContentThatDoesNotCheckOrNamesAnotherDomainChangesNothing(Vertx vertx) throws Exception {
    Fixture f = new Fixture(vertx, config(false));
    Map<String, String> before = f.ids();

    await(f.watch.apply(config(true).put("quiett", new JsonObject())));
    await(f.watch.apply(config(true).put("domain", "example.org")));

    assertEquals(before, f.ids());
    assertEquals(2, f.watch.rejected());
  }

  /** A node running the test pieces from {@code config}, and a watch that has applied it. */
  private static final class Fixture {
    final RosterdNode node;
    final ConfigWatch watch;

    Fixture(Vertx vertx, JsonObject config) throws Exception {
      RosterdConfig checked = RosterdConfig.read(config, TestPieces.catalog());
      node = new RosterdNode(vertx);
      await(node.deployAll(checked));
      watch = new ConfigWatch(node, TestPieces.catalog(), checked, "test.json");
    }

    Map<String, String> ids() {
      return node.deployments().stream().collect(Collectors.toMap(Deployment::name, Deployment::deploymentId));
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }
}
