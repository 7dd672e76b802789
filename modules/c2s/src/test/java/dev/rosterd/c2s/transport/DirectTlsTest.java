package dev.rosterd.c2s.transport;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * XEP-0368 direct TLS: on directTlsPort TLS starts with the first byte, so the first features
 * already offer SASL and no STARTTLS.
 */
class DirectTlsTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("directTlsPort", 0));

  @Test
  void authenticatesWithoutStartTls() throws Exception {
    try (RawXmppClient c = RawXmppClient.connectTls(server.server().verticle.actualDirectTlsPort())) {
      String features = c.openStream(DOMAIN);
      assertFalse(features.contains("starttls"), features);
      assertTrue(features.contains("<mechanism>SCRAM-SHA-1</mechanism>"), features);
      c.send(C2sTestServer.plainAuth("bob", "builder"));
      c.expect("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    }
  }
}
