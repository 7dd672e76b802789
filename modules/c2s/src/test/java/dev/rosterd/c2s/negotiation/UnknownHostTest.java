package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static dev.rosterd.testing.RawXmppClient.header;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stream to a domain this server does not serve ends with {@code <host-unknown/>}. */
class UnknownHostTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void otherDomain() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send(header("elsewhere.example"));
      assertStreamError(c.awaitClose(), "host-unknown");
    }
  }
}
