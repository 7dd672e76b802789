package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stanza larger than maxStanzaBytes ends the stream with {@code <policy-violation/>}, before it is even complete. */
class OversizedStanzaTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("maxStanzaBytes", 4096));

  @Test
  void stanzaOverTheLimit() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<message><body>" + "x".repeat(5000));
      assertStreamError(c.awaitClose(), "policy-violation");
    }
  }
}
