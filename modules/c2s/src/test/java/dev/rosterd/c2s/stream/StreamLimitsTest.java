package dev.rosterd.c2s.stream;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static dev.rosterd.c2s.C2sTestServer.bound;
import static dev.rosterd.c2s.C2sTestServer.ping;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The byte limits hold from the first byte: a huge stream header or anything huge before it, and
 * a stanza over the smaller budget before authentication, end the stream with {@code
 * <policy-violation/>} as soon as the limit is passed, before the server has taken the rest; other
 * sessions go on answering.
 */
class StreamLimitsTest {
  private static final long HUGE = 32L * 1024 * 1024;
  private static final String OPEN_HEADER = RawXmppClient.header(DOMAIN).replace(" version='1.0'>", " version='1.0' id='");

  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void aHugeHeaderAttributeIsCutOffAtTheLimit() throws Exception {
    assertCutOff(OPEN_HEADER);
  }

  @Test
  void aHugeCommentBeforeTheHeaderIsCutOffAtTheLimit() throws Exception {
    assertCutOff("<?xml version='1.0'?><!--");
  }

  @Test
  void aHugeStanzaBeforeAuthenticationIsCutOffAtTheLimit() throws Exception {
    assertCutOff(RawXmppClient.header(DOMAIN) + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>");
  }

  @Test
  void aHeaderOverTheLimitIsAPolicyViolation() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send(OPEN_HEADER + "x".repeat(8 * 1024) + "'>");
      assertStreamError(c.awaitClose(), "policy-violation");
    }
  }

  @Test
  void anAuthOverTheBudgetBeforeAuthenticationIsAPolicyViolation() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      C2sTestServer.secure(c);
      c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + "A".repeat(32 * 1024) + "</auth>");
      assertStreamError(c.awaitClose(), "policy-violation");
    }
  }

  @Test
  void anAuthenticatedSessionHasTheLargerBudget() throws Exception {
    try (RawXmppClient bob = bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
        RawXmppClient alice = bound(RawXmppClient.connect(server.port()), "alice", "wonderland", "phone")) {
      String body = "b".repeat(64 * 1024);
      alice.send("<message to='bob@" + DOMAIN + "/home'><body>" + body + "</body></message>");
      bob.expect(body + "</body>");
      ping(alice, "after");
    }
  }

  /** {@code prefix}, then 32 MB that never end what it opened: the server must close long before taking it all. */
  private void assertCutOff(String prefix) throws Exception {
    try (RawXmppClient bob = bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
        RawXmppClient attacker = RawXmppClient.connect(server.port())) {
      attacker.send(prefix);
      long written = attacker.sendFlood((byte) 'A', HUGE);
      assertTrue(written < HUGE, "the server took all " + written + " bytes");
      attacker.awaitClose();
      ping(bob, "after");
    }
  }
}
