package dev.rosterd.c2s.negotiation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.C2sVerticle;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.c2s.session.BindFailure;
import dev.rosterd.c2s.session.BoundSession;
import dev.rosterd.stanza.StanzaError;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bind the session layer refuses is answered with the BindFailure's stanza error (RFC 6120
 * §7.6.2), and the stream stays open for another try.
 */
class BindFailureTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults().verticle(() -> new C2sVerticle((vertx, domain) ->
      (user, resource, link) -> Future.<BoundSession>failedFuture(
          new BindFailure(StanzaError.Type.MODIFY, "bad-request", "resource not allowed"))));

  @Test
  void refusedBindGetsTheStanzaError() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      C2sTestServer.authenticate(c, "alice", "wonderland");
      for (String id : new String[] {"b1", "b2"}) {
        c.send("<iq type='set' id='" + id + "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            + "<resource>\u2620</resource></bind></iq>");
        String reply = c.expect("</iq>");
        assertTrue(reply.contains("id='" + id + "' type='error'"), reply);
        assertTrue(reply.contains("<error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"), reply);
      }
    }
  }
}
