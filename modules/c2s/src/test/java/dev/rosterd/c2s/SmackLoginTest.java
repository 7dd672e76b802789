package dev.rosterd.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.stanza.Namespaces;

import dev.rosterd.testing.XmppClients;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real client (Smack) logs in over STARTTLS and binds a resource. Smack 4.4 has no SCRAM-SHA-256;
 * that mechanism is covered by {@code dev.rosterd.c2s.sasl.SaslScramTest}.
 */
class SmackLoginTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @ParameterizedTest
  @ValueSource(strings = {"SCRAM-SHA-1", "PLAIN"})
  void logsInAndBinds(String mechanism) throws Exception {
    XMPPTCPConnection c = XmppClients.login(
        C2sTestServer.DOMAIN, server.port(), "alice", "wonderland", mechanism, "phone");
    try {
      assertTrue(c.isSecureConnection());
      assertTrue(c.isAuthenticated());
      assertEquals("alice@rosterd.test/phone", c.getUser().toString());
      assertTrue(c.hasFeature("ver", Namespaces.ROSTER_VERSIONING), "roster versioning advertised");
    } finally {
      c.disconnect();
    }
  }
}
