package dev.rosterd.c2s;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;

import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Undeploying the c2s ends every open stream with {@code <system-shutdown/>} before it completes. */
@ExtendWith(VertxExtension.class)
class SystemShutdownTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void openStreamsAreToldAndClosed(Vertx vertx) throws Exception {
    try (RawXmppClient negotiating = RawXmppClient.connect(server.port());
        RawXmppClient secured = RawXmppClient.connect(server.port())) {
      negotiating.openStream(DOMAIN);
      secured.openStream(DOMAIN);
      secured.startTls();
      secured.openStream(DOMAIN);
      vertx.undeploy(server.deploymentId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertStreamError(negotiating.awaitClose(), "system-shutdown");
      assertStreamError(secured.awaitClose(), "system-shutdown");
    }
  }
}
