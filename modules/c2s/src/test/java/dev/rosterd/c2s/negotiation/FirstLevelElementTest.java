package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static dev.rosterd.c2s.C2sTestServer.bound;
import static dev.rosterd.c2s.C2sTestServer.ping;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * First-level children of the stream are jabber:client stanzas, or negotiation elements while
 * negotiating (RFC 6120 §4.9.3.21): anything else ends the sender's stream, and only the sender's.
 */
class FirstLevelElementTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void aMessageInAForeignNamespaceIsNotRouted() throws Exception {
    assertOnlyTheSenderEnds(
        "<message xmlns='urn:evil' to='bob@" + DOMAIN + "/home'><body>attack</body></message>", "unsupported-stanza-type");
  }

  @Test
  void anUnknownElementIsAnUnsupportedStanzaType() throws Exception {
    assertOnlyTheSenderEnds("<foo xmlns='urn:x'/>", "unsupported-stanza-type");
  }

  @Test
  void anUnknownElementInTheClientNamespaceIsAnUnsupportedStanzaType() throws Exception {
    assertOnlyTheSenderEnds("<foo/>", "unsupported-stanza-type");
  }

  @Test
  void starttlsAfterBindIsAPolicyViolation() throws Exception {
    assertOnlyTheSenderEnds("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", "policy-violation");
  }

  @Test
  void authAfterBindIsAPolicyViolation() throws Exception {
    assertOnlyTheSenderEnds(
        "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGJvYgBidWlsZGVy</auth>", "policy-violation");
  }

  @Test
  void anUnknownElementBeforeAuthenticationIsAnUnsupportedStanzaType() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<foo xmlns='urn:x'/>");
      assertStreamError(c.awaitClose(), "unsupported-stanza-type");
    }
  }

  private void assertOnlyTheSenderEnds(String element, String condition) throws Exception {
    try (RawXmppClient bob = bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
        RawXmppClient attacker = bound(RawXmppClient.connect(server.port()), "alice", "wonderland", "attacker");
        RawXmppClient alice = bound(RawXmppClient.connect(server.port()), "alice", "wonderland", "phone")) {
      attacker.send(element);
      assertStreamError(attacker.awaitClose(), condition);
      alice.send("<message to='bob@" + DOMAIN + "/home'><body>clean</body></message>");
      String received = bob.expect("clean");
      assertFalse(received.contains("attack"), received);
      ping(bob, "after");
    }
  }
}
