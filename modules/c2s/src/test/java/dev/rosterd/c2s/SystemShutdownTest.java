package dev.rosterd.c2s;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;

import dev.rosterd.testing.RawXmppClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Undeploying the c2s ends every open stream with {@code <system-shutdown/>} before it completes. */
class SystemShutdownTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void openStreamsAreToldAndClosed() throws Exception {
    try (RawXmppClient negotiating = RawXmppClient.connect(server.port());
        RawXmppClient secured = RawXmppClient.connect(server.port())) {
      negotiating.openStream(DOMAIN);
      secured.openStream(DOMAIN);
      secured.startTls();
      secured.openStream(DOMAIN);
      server.vertx().undeploy(server.server().deploymentId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertStreamError(negotiating.awaitClose(), "system-shutdown");
      assertStreamError(secured.awaitClose(), "system-shutdown");
    }
  }
}
