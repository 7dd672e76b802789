package dev.rosterd.c2s.sasl;

import static dev.rosterd.c2s.C2sTestServer.plainAuth;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.auth.AuthVerticle;
import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failed logins count across connections: after two wrong passwords for alice, a new connection
 * with her right password is answered {@code <temporary-auth-failure/>} with a text (not whether
 * the password was right), for PLAIN and SCRAM alike, while bob still logs in from the same
 * address.
 */
@ExtendWith(VertxExtension.class)
class ThrottledLoginTest {
  private static final String THROTTLED = "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
      + "<temporary-auth-failure/><text>too many failed attempts; try again later</text></failure>";
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    JsonObject auth = new JsonObject().put("domain", C2sTestServer.DOMAIN)
        .put("users", new JsonObject().put("alice", "wonderland").put("bob", "builder"))
        .put("throttle", new JsonObject().put("userFailures", 2));
    vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(auth))
        .compose(id -> server.startWithoutAuth(vertx))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aThrottledUserIsToldToWaitWhileAnotherLogsIn() throws Exception {
    for (int i = 0; i < 2; i++) {
      try (RawXmppClient c = RawXmppClient.connect(server.port())) {
        C2sTestServer.secure(c);
        c.send(plainAuth("alice", "guess" + i));
        assertTrue(c.expect("</failure>").contains("<not-authorized/>"));
      }
    }
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      C2sTestServer.secure(c);
      c.send(plainAuth("alice", "wonderland"));
      String answer = c.expect("</failure>");
      assertTrue(answer.endsWith(THROTTLED), answer);
      String scramFirst = Base64.getEncoder().encodeToString("n,,n=alice,r=fyko+d2lbbFgONRv9qkxdawL".getBytes(UTF_8));
      c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>" + scramFirst + "</auth>");
      answer = c.expect("</failure>");
      assertTrue(answer.endsWith(THROTTLED), answer);
    }
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      String features = C2sTestServer.authenticate(c, "bob", "builder");
      assertTrue(features.contains("urn:ietf:params:xml:ns:xmpp-bind"), features);
    }
  }
}
