package dev.rosterd.c2s.sasl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the auth piece unreachable, authentication fails with {@code <temporary-auth-failure/>}
 * (RFC 6120 §6.5.11), not not-authorized, and it does not use up the client's retries.
 */
class TemporaryAuthFailureTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults().withoutAuth();

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
