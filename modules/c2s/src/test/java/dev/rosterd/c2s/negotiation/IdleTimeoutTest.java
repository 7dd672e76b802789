package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stream silent for idleTimeoutSeconds ends with {@code <connection-timeout/>}. */
class IdleTimeoutTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("idleTimeoutSeconds", 1));

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
