package dev.rosterd.admin;

import static dev.rosterd.admin.AdminHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token guards the operator's endpoints as it guards {@code /roster_admin/*}: without it a
 * request is 401 with a JSON error, its body is not read and nothing is asked of the node;
 * {@code /metrics} and {@code /health} are open unless the config says otherwise; and without a
 * token the router binds only a loopback address.
 */
@ExtendWith(VertxExtension.class)
class OperationsTokenTest {
  private static final String TOKEN = "0123456789abcdef-secret";

  @Test
  void adminPathsNeedTheTokenAndNothingReachesTheNodeWithoutIt(Vertx vertx) {
    AdminHarness h = AdminHarness.adminOnly(vertx, new JsonObject().put("token", TOKEN).put("maxBodyBytes", 16));
    AtomicInteger asked = new AtomicInteger();
    await(vertx.eventBus().<JsonObject>localConsumer(Addresses.NODE_REDEPLOY, m -> {
      asked.incrementAndGet();
      m.fail(503, "stand-in node");
    }).completion());

    HttpResponse<Buffer> list = send(h, h.http.get(h.admin.actualPort(), "127.0.0.1", "/admin/verticles"), null, null);
    assertUnauthorized(list);
    assertUnauthorized(send(h, post(h, "/admin/verticles/rosterFetcher/redeploy"), "Bearer wrong", "{}"));
    // A body over maxBodyBytes would be 413 if it were read: the token is checked first.
    assertUnauthorized(send(h, post(h, "/admin/verticles/rosterFetcher/redeploy"), null,
        "{\"http_roster_url\": \"http://127.0.0.1:1/%s\"}"));
    assertEquals(0, asked.get(), "nothing was asked of the node");

    HttpResponse<Buffer> allowed = send(h, post(h, "/admin/verticles/rosterFetcher/redeploy"), "Bearer " + TOKEN, null);
    assertEquals(503, allowed.statusCode(), allowed.bodyAsString());
    assertEquals(1, asked.get());
  }

  @Test
  void metricsAndHealthAreOpenByDefault(Vertx vertx) {
    AdminHarness h = AdminHarness.adminOnly(vertx, new JsonObject().put("token", TOKEN));
    // No launcher node and no metrics on this Vert.x: answered, but not with 401.
    assertEquals(503, h.get("/health").statusCode());
    assertEquals(503, h.get("/metrics").statusCode());
  }

  @Test
  void metricsAndHealthCanBePutBehindTheToken(Vertx vertx) {
    AdminHarness h = AdminHarness.adminOnly(vertx, new JsonObject()
        .put("token", TOKEN).put("metricsNeedToken", true).put("healthNeedsToken", true));
    assertUnauthorized(h.get("/health"));
    assertUnauthorized(h.get("/metrics"));
    HttpResponse<Buffer> withToken = send(h, h.http.get(h.admin.actualPort(), "127.0.0.1", "/health"),
        "Bearer " + TOKEN, null);
    assertEquals(503, withToken.statusCode());
  }

  @Test
  void withoutATokenOnlyALoopbackAddressIsBound(Vertx vertx) {
    Throwable refused = assertThrowsOnDeploy(vertx, new JsonObject().put("host", "0.0.0.0").put("port", 0));
    assertTrue(refused.getMessage().startsWith("admin.host: "), refused.getMessage());
    AdminHarness h = AdminHarness.adminOnly(vertx, new JsonObject());
    assertEquals(503, h.get("/health").statusCode(), "the default host is loopback and serves");
  }

  private static Throwable assertThrowsOnDeploy(Vertx vertx, JsonObject config) {
    Throwable refused = await(vertx.deployVerticle(new AdminHttpVerticle(),
            new DeploymentOptions().setConfig(config.put("domain", AdminHarness.DOMAIN)))
        .transform(ar -> Future.succeededFuture(ar.cause())));
    assertNotNull(refused, "the admin router started on 0.0.0.0 without a token");
    return refused;
  }

  private static HttpRequest<Buffer> post(AdminHarness h, String path) {
    return h.http.post(h.admin.actualPort(), "127.0.0.1", path);
  }

  private static HttpResponse<Buffer> send(AdminHarness h, HttpRequest<Buffer> req, String authorization, String body) {
    if (authorization != null) {
      req.putHeader("Authorization", authorization);
    }
    return await(body == null ? req.send() : req.sendBuffer(Buffer.buffer(body)));
  }

  private static void assertUnauthorized(HttpResponse<Buffer> r) {
    assertEquals(401, r.statusCode(), r.bodyAsString());
    assertEquals("error", r.bodyAsJsonObject().getString("status"));
    assertEquals("application/json", r.getHeader("Content-Type"));
  }
}
