package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that does not authenticate within authTimeoutSeconds is dropped with {@code <connection-timeout/>}. */
@ExtendWith(VertxExtension.class)
class AuthTimeoutTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx, new JsonObject().put("authTimeoutSeconds", 1)).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void slowClient() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      assertStreamError(c.awaitClose(), "connection-timeout");
    }
  }
}
