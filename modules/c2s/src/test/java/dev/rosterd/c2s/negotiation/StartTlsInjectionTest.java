package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What follows {@code <starttls/>} in plain text is dropped, never read as the start of the
 * encrypted stream (RFC 6120 §5.4.3.3): a man in the middle cannot open that stream or log in on it.
 */
class StartTlsInjectionTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void plainTextSentWithStartTlsDoesNotReachTheEncryptedStream() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.startTlsAppending(RawXmppClient.header(DOMAIN) + C2sTestServer.plainAuth("alice", "wonderland"));

      String features = c.openStream(DOMAIN);
      assertFalse(features.contains("<success"), "the injected auth was read after TLS: " + features);
      assertTrue(features.contains("<mechanism>PLAIN</mechanism>"), features);
      c.send(C2sTestServer.plainAuth("bob", "builder"));
      c.expect("<success");
      c.openStream(DOMAIN);
      String bound = c.bind("phone");
      assertTrue(bound.contains("<jid>bob@rosterd.test/phone</jid>"), bound);
    }
  }
}
