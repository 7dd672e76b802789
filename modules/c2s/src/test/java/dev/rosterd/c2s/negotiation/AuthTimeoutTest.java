package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that does not authenticate within authTimeoutSeconds is dropped with {@code <connection-timeout/>}. */
class AuthTimeoutTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("authTimeoutSeconds", 1));

  @Test
  void slowClient() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      assertStreamError(c.awaitClose(), "connection-timeout");
    }
  }
}
