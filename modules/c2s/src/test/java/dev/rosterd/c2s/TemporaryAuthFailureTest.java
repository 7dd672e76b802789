package dev.rosterd.c2s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the auth piece unreachable, authentication fails with {@code <temporary-auth-failure/>}
 * (RFC 6120 §6.5.11), not not-authorized, and it does not use up the client's retries.
 */
@ExtendWith(VertxExtension.class)
class TemporaryAuthFailureTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.startWithoutAuth(vertx).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void authPieceDown() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      C2sTestServer.secure(c);
      for (int i = 0; i < 4; i++) {
        c.send(C2sTestServer.plainAuth("alice", "wonderland"));
        String failure = c.expect("</failure>");
        assertTrue(failure.contains("<temporary-auth-failure/>"), failure);
      }
    }
  }
}
