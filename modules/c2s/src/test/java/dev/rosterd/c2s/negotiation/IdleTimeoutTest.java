package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stream silent for idleTimeoutSeconds ends with {@code <connection-timeout/>}; a bound one is
 * pinged (XEP-0199) halfway, and a client that answers keeps its stream.
 */
class IdleTimeoutTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("idleTimeoutSeconds", 1));

  @Test
  void silentClient() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      String received = c.awaitClose();
      assertStreamError(received, "connection-timeout");
      assertTrue(received.contains("idle"), received);
    }
  }

  @Test
  void aBoundClientIsPingedAndAnsweringKeepsItsStream() throws Exception {
    try (RawXmppClient c = C2sTestServer.bound(RawXmppClient.connect(server.port()), "alice", "wonderland", "r")) {
      // Three rounds take longer than the idle limit: only the answers keep the stream open.
      for (int i = 0; i < 3; i++) {
        String ping = c.expect("<ping xmlns='urn:xmpp:ping'/></iq>");
        assertTrue(ping.contains("from='" + DOMAIN + "' to='alice@" + DOMAIN + "/r'"), ping);
        Matcher id = Pattern.compile("id='([^']+)'").matcher(ping.substring(ping.lastIndexOf("<iq")));
        assertTrue(id.find(), ping);
        c.send("<iq type='result' id='" + id.group(1) + "' to='" + DOMAIN + "'/>");
      }
      c.expect("<ping xmlns='urn:xmpp:ping'/></iq>");
      assertStreamError(c.awaitClose(), "connection-timeout");
    }
  }
}
