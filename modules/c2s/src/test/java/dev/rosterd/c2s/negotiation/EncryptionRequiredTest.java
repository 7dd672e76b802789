package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With requireEncryption, no mechanism is offered before TLS and {@code <auth/>} fails with {@code <encryption-required/>} (RFC 6120 §6.5.3). */
class EncryptionRequiredTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void plainBeforeTls() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      String features = c.openStream(DOMAIN);
      assertTrue(features.contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"), features);
      assertFalse(features.contains("mechanism"), features);
      c.send(C2sTestServer.plainAuth("alice", "wonderland"));
      String failure = c.expect("</failure>");
      assertTrue(failure.contains("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><encryption-required/></failure>"), failure);
      // The stream stays usable: the client can still go for TLS.
      c.startTls();
      assertTrue(c.openStream(DOMAIN).contains("<mechanism>PLAIN</mechanism>"));
    }
  }
}
