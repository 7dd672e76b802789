package dev.rosterd.c2s;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A stream silent for idleTimeoutSeconds ends with {@code <connection-timeout/>}. */
@ExtendWith(VertxExtension.class)
class IdleTimeoutTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx, new JsonObject().put("idleTimeoutSeconds", 1)).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void silentClient() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      String received = c.awaitClose();
      assertStreamError(received, "connection-timeout");
      assertTrue(received.contains("idle"), received);
    }
  }
}
