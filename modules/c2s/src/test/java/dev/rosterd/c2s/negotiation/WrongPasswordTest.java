package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.plainAuth;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wrong password gets {@code <not-authorized/>} and may be retried; after maxAuthAttempts
 * failures the stream ends with {@code <policy-violation/>} (RFC 6120 §6.4.5).
 */
class WrongPasswordTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("maxAuthAttempts", 3));

  private RawXmppClient secured() throws Exception {
    RawXmppClient c = RawXmppClient.connect(server.port());
    String features = C2sTestServer.secure(c);
    assertTrue(features.contains("<mechanism>PLAIN</mechanism>"), features);
    return c;
  }

  @Test
  void failsThenSucceedsOnRetry() throws Exception {
    try (RawXmppClient c = secured()) {
      c.send(plainAuth("alice", "wrong"));
      assertTrue(c.expect("</failure>").contains("<not-authorized/>"));
      c.send(plainAuth("alice", "wonderland"));
      c.expect("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    }
  }

  @Test
  void closesAfterTooManyFailures() throws Exception {
    try (RawXmppClient c = secured()) {
      for (int i = 0; i < 2; i++) {
        c.send(plainAuth("alice", "wrong" + i));
        assertTrue(c.expect("</failure>").contains("<not-authorized/>"));
      }
      c.send(plainAuth("alice", "wrong again"));
      String rest = c.awaitClose();
      assertTrue(rest.contains("<not-authorized/></failure>"), rest);
      assertTrue(rest.contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), rest);
      assertTrue(rest.endsWith("</stream:stream>"), rest);
    }
  }
}
