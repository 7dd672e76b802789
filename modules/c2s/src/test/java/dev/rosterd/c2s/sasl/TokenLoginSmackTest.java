package dev.rosterd.c2s.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.auth.AuthVerticle;
import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Single sign-on: a real client (Smack) logs in with PLAIN and a token the web application minted
 * (HS256) as its password, as Converse.js does with {@code credentials_url}; the user has no
 * password in the config at all.
 */
@ExtendWith(VertxExtension.class)
class TokenLoginSmackTest {
  private static final String SECRET = "the web application's shared secret, 32+ chars";
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    JsonObject auth = new JsonObject().put("domain", C2sTestServer.DOMAIN)
        .put("users", new JsonObject().put("alice", "wonderland"))
        .put("tokens", new JsonObject().put("secret", SECRET).put("audience", C2sTestServer.DOMAIN));
    vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(auth))
        .compose(id -> server.startWithoutAuth(vertx))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void logsInWithATokenAsThePassword(Vertx vertx) throws Exception {
    JWTAuth webApplication = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
    String token = webApplication.generateToken(new JsonObject().put("sub", "dave"),
        new JWTOptions().setExpiresInSeconds(60).addAudience(C2sTestServer.DOMAIN));
    XMPPTCPConnection c = XmppClients.login(C2sTestServer.DOMAIN, server.port(), "dave", token, "PLAIN", "web");
    try {
      assertTrue(c.isAuthenticated());
      assertEquals("dave@rosterd.test/web", c.getUser().toString());
    } finally {
      c.disconnect();
    }
  }
}
