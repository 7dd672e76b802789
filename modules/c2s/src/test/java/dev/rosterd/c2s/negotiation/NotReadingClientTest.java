package dev.rosterd.c2s.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RosterRelease;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that never reads cannot make the server hold what is sent to it without bound (the
 * hardening issue saw 230 MB of messages to one such client exhaust the heap and stall everyone):
 * past {@code maxOutboundBytes} its stream ends, and the sender goes on unhindered.
 */
class NotReadingClientTest {
  private static final int LIMIT = 65_536;
  /** Far more than the limit and the kernel's socket buffers between the server and the client. */
  private static final int MESSAGES = 200;
  private static final String BODY = "x".repeat(100_000);

  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("maxOutboundBytes", LIMIT));

  @Test
  void aClientThatDoesNotReadIsCutAndTheSenderIsNot() throws Exception {
    CompletableFuture<String> released = new CompletableFuture<>();
    server.vertx().eventBus().<JsonObject>consumer(Addresses.ROSTER_RELEASE, m -> {
      released.complete(RosterRelease.fromJson(m.body()).username());
      m.reply(new JsonObject());
    }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    try (RawXmppClient bob = RawXmppClient.connect(server.port(), 4096);
        RawXmppClient alice = RawXmppClient.connect(server.port())) {
      bind(bob, "bob", "builder", "b");
      bind(alice, "alice", "wonderland", "a");
      for (int i = 0; i < MESSAGES; i++) {
        alice.send("<message to='bob@rosterd.test/b' type='chat' id='m" + i + "'><body>" + BODY + "</body></message>");
      }
      // Bob has read nothing since his bind; his session ends without him closing anything.
      assertEquals("bob", released.get(30, TimeUnit.SECONDS));

      alice.send("<iq type='get' id='ping' to='rosterd.test'><ping xmlns='urn:xmpp:ping'/></iq>");
      String pong = alice.expect("id='ping'") + alice.expect(">");
      assertTrue(pong.contains("type='result'"), pong);
      bob.awaitClose();
    }
  }

  private static void bind(RawXmppClient c, String user, String password, String resource) throws Exception {
    C2sTestServer.authenticate(c, user, password);
    c.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
        + "</resource></bind></iq>");
    c.expect("</iq>");
  }
}
