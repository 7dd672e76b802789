package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RosterdNode#redeploy} over the small test pieces: a section that does not check leaves
 * the running deployment alone, a deployment that fails puts the previous config back, and an
 * unknown piece is refused.
 */
@ExtendWith(VertxExtension.class)
class RosterdNodeRedeployTest {
  private static RosterdNode started(Vertx vertx) throws Exception {
    RosterdConfig config = RosterdConfig.read(new JsonObject()
        .put("domain", "example.com")
        .put("listener", new JsonObject())
        .put("quiet", new JsonObject()), TestPieces.catalog());
    RosterdNode node = new RosterdNode(vertx);
    await(node.deployAll(config));
    return node;
  }

  @Test
  void aSectionThatDoesNotCheckLeavesTheRunningDeploymentAlone(Vertx vertx) throws Exception {
    RosterdNode node = started(vertx);
    List<Deployment> before = node.deployments();

    Throwable e = failure(node.redeploy("quiet", new JsonObject().put("flag", "yes")));

    assertEquals("quiet.flag", assertInstanceOf(ConfigException.class, e).key());
    assertEquals(before, node.deployments());
    assertTrue(vertx.deploymentIDs().contains(before.get(1).deploymentId()));
  }

  @Test
  void aDeploymentThatFailsPutsThePreviousConfigBack(Vertx vertx) throws Exception {
    RosterdNode node = started(vertx);
    NetServer blocker = await(vertx.createNetServer().connectHandler(s -> s.close()).listen(0, "127.0.0.1"));
    String before = id(node, "listener");

    Throwable e = failure(node.redeploy("listener", new JsonObject().put("port", blocker.actualPort())));

    assertTrue(e.getMessage().startsWith("cannot deploy listener: "), e.getMessage());
    assertEquals(List.of(), node.status().missing(), "the previous config runs again");
    assertNotEquals(before, id(node, "listener"));
    assertEquals(0, node.deployments().stream().filter(d -> d.name().equals("listener")).findFirst()
        .orElseThrow().piece().deploymentConfig().getInteger("port", 0));
  }

  @Test
  void anUnknownPieceIsRefused(Vertx vertx) throws Exception {
    RosterdNode node = started(vertx);
    assertInstanceOf(RosterdNode.NoSuchPiece.class, failure(node.redeploy("c2s", null)));
  }

  private static String id(RosterdNode node, String name) {
    return node.deployments().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().deploymentId();
  }

  private static Throwable failure(Future<?> f) throws Exception {
    return await(f.transform(ar -> Future.succeededFuture(ar.cause())));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }
}
