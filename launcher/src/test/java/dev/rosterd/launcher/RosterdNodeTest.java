package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RosterdNodeTest {

  @Test
  void quietPiecesGoFirstAndEachInstanceGetsItsConfig(Vertx vertx, VertxTestContext ctx) {
    List<JsonObject> started = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(TestPieces.STARTED, m -> started.add(m.body()));
    RosterdConfig config =
        RosterdConfig.read(
            new JsonObject()
                .put("domain", "example.com")
                .put("listener", new JsonObject().put("instances", 2))
                .put("quiet", new JsonObject().put("flag", true)),
            TestPieces.catalog());
    new RosterdNode(vertx)
        .deployAll(config)
        .onComplete(
            ctx.succeeding(
                deployments ->
                    ctx.verify(
                        () -> {
                          assertEquals(
                              List.of("quiet", "listener"),
                              deployments.stream().map(Deployment::name).toList());
                          assertEquals(
                              List.of("quiet", "listener", "listener"),
                              started.stream().map(j -> j.getString("name")).toList());
                          assertEquals(
                              new JsonObject().put("flag", true).put("domain", "example.com"),
                              started.get(0).getJsonObject("config"));
                          assertEquals(
                              new JsonObject().put("domain", "example.com"),
                              started.get(1).getJsonObject("config"));
                          ctx.completeNow();
                        })));
  }

  @Test
  void aPortInUseFailsTheStartNamingThePiece(Vertx vertx, VertxTestContext ctx) {
    NetServer blocker = vertx.createNetServer().connectHandler(s -> s.close());
    blocker
        .listen(0, "127.0.0.1")
        .compose(
            s -> {
              RosterdConfig config =
                  RosterdConfig.read(
                      new JsonObject()
                          .put("domain", "example.com")
                          .put("listener", new JsonObject().put("port", s.actualPort())),
                      TestPieces.catalog());
              return new RosterdNode(vertx).deployAll(config);
            })
        .onComplete(
            ctx.failing(
                e ->
                    ctx.verify(
                        () -> {
                          assertTrue(
                              e.getMessage().startsWith("cannot deploy listener: "),
                              e.getMessage());
                          ctx.completeNow();
                        })));
  }
}
