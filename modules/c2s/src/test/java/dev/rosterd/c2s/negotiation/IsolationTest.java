package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client rejected for bad input takes nobody else down: another client on the same server goes on negotiating. */
class IsolationTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void otherClientKeepsWorking() throws Exception {
    try (RawXmppClient good = RawXmppClient.connect(server.port());
        RawXmppClient bad = RawXmppClient.connect(server.port())) {
      good.openStream(DOMAIN);
      good.startTls();
      good.openStream(DOMAIN);
      bad.openStream(DOMAIN);
      bad.send("<<<");
      assertStreamError(bad.awaitClose(), "not-well-formed");
      good.send(C2sTestServer.plainAuth("alice", "wonderland"));
      good.expect("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
      String features = good.openStream(DOMAIN);
      assertTrue(features.contains("urn:ietf:params:xml:ns:xmpp-bind"), features);
    }
  }
}
