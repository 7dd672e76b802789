package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stanzas are only for bound sessions: one sent before authentication, or after it but before
 * binding a resource, ends the stream with {@code <not-authorized/>}; a bind then works.
 */
class StanzaBeforeBindTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  private RawXmppClient authenticated() throws Exception {
    RawXmppClient c = RawXmppClient.connect(server.port());
    String features = C2sTestServer.authenticate(c, "alice", "wonderland");
    assertTrue(features.contains("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"), features);
    assertTrue(features.contains("<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"), features);
    return c;
  }

  @Test
  void messageBeforeAuthentication() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<message to='bob@rosterd.test'><body>hi</body></message>");
      assertStreamError(c.awaitClose(), "not-authorized");
    }
  }

  @Test
  void messageBeforeBind() throws Exception {
    try (RawXmppClient c = authenticated()) {
      c.send("<message to='bob@rosterd.test'><body>hi</body></message>");
      assertStreamError(c.awaitClose(), "not-authorized");
    }
  }

  @Test
  void bindAnswersWithTheFullJid() throws Exception {
    try (RawXmppClient c = authenticated()) {
      c.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
          + "<resource>laptop</resource></bind></iq>");
      String result = c.expect("</iq>");
      assertTrue(result.contains("<iq id='b1' type='result'>"), result);
      assertTrue(result.contains("<jid>alice@rosterd.test/laptop</jid>"), result);
    }
  }
}
