package dev.rosterd.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo backend against a stand-in of rosterd's admin endpoint: it serves each user's roster
 * from the file, and an edit of the file POSTs exactly the users whose roster changed.
 */
@ExtendWith(VertxExtension.class)
class DemoBackendTest {
  private static final JsonObject ROSTERS = new JsonObject()
      .put("alice", new JsonObject().put("bob@example.com", new JsonObject().put("name", "Bob")))
      .put("bob", new JsonObject().put("alice@example.com", new JsonObject()));

  @TempDir Path dir;
  private Path file;
  private final Queue<Promise<JsonArray>> posts = new ConcurrentLinkedQueue<>();
  private final Queue<JsonArray> posted = new ConcurrentLinkedQueue<>();
  private DemoBackendVerticle backend;
  private WebClient web;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    file = dir.resolve("rosters.json");
    Files.writeString(file, ROSTERS.encodePrettily());
    HttpServer admin = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      JsonArray users = body.toJsonArray();
      Promise<JsonArray> waiting = posts.poll();
      if (waiting != null) {
        waiting.complete(users);
      } else {
        posted.add(users);
      }
      req.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", "ok").put("updated", users.size()).put("errors", 0).encode());
    }));
    await(admin.listen(0, "127.0.0.1"));
    backend = new DemoBackendVerticle();
    await(vertx.deployVerticle(backend, new DeploymentOptions().setConfig(new JsonObject()
        .put("domain", "example.com")
        .put("port", 0)
        .put("rostersFile", file.toString())
        .put("refreshUrl", "http://127.0.0.1:" + admin.actualPort() + "/roster_admin/refresh")
        .put("scanPeriodMs", 20))));
    web = WebClient.create(vertx);
  }

  @Test
  void servesEachUsersRosterAndNoContactsForOthers() throws Exception {
    assertEquals(ROSTERS.getJsonObject("alice"), roster("alice"));
    assertEquals(new JsonObject(), roster("nobody"));
  }

  @Test
  void anEditPostsTheUsersWhoseRosterChanged(Vertx vertx) throws Exception {
    Future<JsonArray> refresh = nextPost();
    JsonObject edited = ROSTERS.copy()
        .put("alice", new JsonObject().put("carol@example.com", new JsonObject().put("name", "Carol")))
        .put("carol", new JsonObject().put("alice@example.com", new JsonObject()));
    Files.writeString(file, edited.encodePrettily());

    assertEquals(new JsonArray().add("alice").add("carol"), await(refresh));
    assertEquals(edited.getJsonObject("alice"), roster("alice"));
  }

  @Test
  void anInvalidEditIsIgnoredAndTheLastGoodRostersServed() throws Exception {
    Files.writeString(file, "{\"alice\": [");
    Files.writeString(file, new JsonObject().put("alice", "not a roster").encode());
    JsonObject good = ROSTERS.copy().put("bob", new JsonObject());
    Future<JsonArray> refresh = nextPost();
    Files.writeString(file, good.encode());

    // The first POST after the bad edits is the good edit's, naming bob only.
    assertEquals(new JsonArray().add("bob"), await(refresh));
    assertEquals(ROSTERS.getJsonObject("alice"), roster("alice"));
  }

  @Test
  void optionsNameTheBadKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> new DemoBackendOptions(
        new JsonObject().put("domain", "example.com").put("refreshUrl", "ftp://x/y")));
    assertEquals("demoBackend.refreshUrl", e.key());
  }

  private Future<JsonArray> nextPost() {
    JsonArray early = posted.poll();
    if (early != null) {
      return Future.succeededFuture(early);
    }
    Promise<JsonArray> p = Promise.promise();
    posts.add(p);
    return p.future();
  }

  private JsonObject roster(String user) throws Exception {
    return await(web.get(backend.actualPort(), "127.0.0.1", "/roster/" + user).send()).bodyAsJsonObject();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }
}
