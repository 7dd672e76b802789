package dev.rosterd.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo backend's single sign-on over real HTTP, as a browser uses it: log in as a user of the
 * rosters file, then {@code GET /credentials} with the session cookie answers that user's JID and
 * a token that verifies with the shared secret; without the cookie, or from another origin, none.
 */
@ExtendWith(VertxExtension.class)
class SignOnTest {
  private static final String SECRET = "demo-sign-on-test-secret-0123456789";
  private static final int LIFETIME = 60;

  @TempDir Path dir;
  private int port;
  private WebClient web;
  private WebClientSession browser;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Path file = dir.resolve("rosters.json");
    Files.writeString(file, new JsonObject()
        .put("alice", new JsonObject().put("bob@example.com", new JsonObject()))
        .put("bob", new JsonObject().put("alice@example.com", new JsonObject()))
        .encode());
    DemoBackendVerticle backend = new DemoBackendVerticle();
    await(vertx.deployVerticle(backend, new DeploymentOptions().setConfig(new JsonObject()
        .put("domain", "example.com")
        .put("port", 0)
        .put("rostersFile", file.toString())
        .put("tokenSecret", SECRET)
        .put("tokenLifetimeSeconds", LIFETIME)
        .put("websocketUrl", "ws://127.0.0.1:5290/xmpp-websocket"))));
    port = backend.actualPort();
    web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    browser = WebClientSession.create(web);
  }

  @Test
  void aLoggedInUserGetsAFreshTokenForHerJid(Vertx vertx) throws Exception {
    assertEquals(303, login("alice").statusCode());

    HttpResponse<Buffer> r = await(browser.get(port, "127.0.0.1", "/credentials").send());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("no-store", r.getHeader("Cache-Control"));
    JsonObject credentials = r.bodyAsJsonObject();
    assertEquals("alice@example.com", credentials.getString("jid"));

    JsonObject claims = verify(vertx, SECRET, credentials.getString("password"));
    assertEquals("alice", claims.getString("sub"));
    long now = System.currentTimeMillis() / 1000;
    long exp = claims.getLong("exp");
    assertTrue(exp > now && exp <= now + LIFETIME + 1, "exp " + exp + " is within the lifetime from now " + now);
  }

  @Test
  void theTokenDoesNotVerifyWithAnotherSecret(Vertx vertx) throws Exception {
    login("bob");
    String token = await(browser.get(port, "127.0.0.1", "/credentials").send()).bodyAsJsonObject().getString("password");
    assertThrows(Exception.class, () -> verify(vertx, "some-other-secret-of-32-characters-x", token));
  }

  @Test
  void withoutALoginThereAreNoCredentials() throws Exception {
    assertEquals(401, await(web.get(port, "127.0.0.1", "/credentials").send()).statusCode());
    assertEquals(401, await(browser.get(port, "127.0.0.1", "/credentials").send()).statusCode());
  }

  @Test
  void theSessionSaysWhoIsLoggedInAndWhomOneCanPick() throws Exception {
    JsonObject before = await(browser.get(port, "127.0.0.1", "/session").send()).bodyAsJsonObject();
    assertNull(before.getString("user"));
    assertEquals(new JsonArray().add("alice").add("bob"), before.getJsonArray("users"));
    assertEquals("ws://127.0.0.1:5290/xmpp-websocket", before.getString("websocketUrl"));
    assertEquals("websocket", before.getString("transport"), "WebSocket is the default");
    assertEquals("http://127.0.0.1:5290/http-bind", before.getString("boshUrl"));

    login("alice");
    JsonObject after = await(browser.get(port, "127.0.0.1", "/session").send()).bodyAsJsonObject();
    assertEquals("alice", after.getString("user"));
    assertEquals("alice@example.com", after.getString("jid"));
  }

  @Test
  void onlyUsersOfTheRostersFileCanBePicked() throws Exception {
    assertEquals(400, login("mallory").statusCode());
    assertEquals(401, await(browser.get(port, "127.0.0.1", "/credentials").send()).statusCode());
  }

  @Test
  void logoutEndsTheCredentials() throws Exception {
    login("alice");
    assertEquals(303, await(browser.post(port, "127.0.0.1", "/logout").send()).statusCode());
    assertEquals(401, await(browser.get(port, "127.0.0.1", "/credentials").send()).statusCode());
  }

  @Test
  void aPageOfAnotherOriginGetsNothing() throws Exception {
    login("alice");
    HttpResponse<Buffer> foreign = await(browser.get(port, "127.0.0.1", "/credentials")
        .putHeader("Origin", "http://evil.example").send());
    assertEquals(403, foreign.statusCode());
    assertNull(foreign.getHeader("Access-Control-Allow-Origin"));
    HttpResponse<Buffer> own = await(browser.get(port, "127.0.0.1", "/credentials")
        .putHeader("Origin", "http://127.0.0.1:" + port).send());
    assertEquals(200, own.statusCode());
  }

  @Test
  void aShortSecretNamesTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> new DemoBackendOptions(
        new JsonObject().put("domain", "example.com").put("tokenSecret", "short")));
    assertEquals("demoBackend.tokenSecret", e.key());
    ConfigException ws = assertThrows(ConfigException.class, () -> new DemoBackendOptions(
        new JsonObject().put("domain", "example.com").put("websocketUrl", "http://127.0.0.1/xmpp-websocket")));
    assertEquals("demoBackend.websocketUrl", ws.key());
  }

  @Test
  void theTransportIsWebSocketOrBoshAndTheBoshUrlHttp() {
    JsonObject base = new JsonObject().put("domain", "example.com");
    DemoBackendOptions bosh = new DemoBackendOptions(base.copy().put("transport", "bosh")
        .put("boshUrl", "https://chat.example.com/http-bind"));
    assertEquals("bosh", bosh.transport());
    assertEquals("https://chat.example.com/http-bind", bosh.connectionUrl());
    assertEquals("ws://127.0.0.1:5290/xmpp-websocket", new DemoBackendOptions(base).connectionUrl());
    ConfigException transport = assertThrows(ConfigException.class,
        () -> new DemoBackendOptions(base.copy().put("transport", "long-polling")));
    assertEquals("demoBackend.transport", transport.key());
    ConfigException url = assertThrows(ConfigException.class,
        () -> new DemoBackendOptions(base.copy().put("boshUrl", "ws://127.0.0.1:5290/http-bind")));
    assertEquals("demoBackend.boshUrl", url.key());
  }

  private HttpResponse<Buffer> login(String user) throws Exception {
    HttpRequest<Buffer> post = browser.post(port, "127.0.0.1", "/login");
    return await(post.sendForm(MultiMap.caseInsensitiveMultiMap().add("user", user)));
  }

  /** The token's claims, verified with {@code secret} as rosterd's auth.tokens does. */
  private static JsonObject verify(Vertx vertx, String secret, String token) throws Exception {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .setJWTOptions(new JWTOptions())
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    User user = await(jwt.authenticate(new TokenCredentials(token)));
    return user.attributes().getJsonObject("accessToken");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }
}
