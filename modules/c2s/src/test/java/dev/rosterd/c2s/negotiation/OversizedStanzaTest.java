package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A stanza larger than maxStanzaBytes ends the stream with {@code <policy-violation/>}, before it is even complete. */
@ExtendWith(VertxExtension.class)
class OversizedStanzaTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx, new JsonObject().put("maxStanzaBytes", 4096)).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void stanzaOverTheLimit() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<message><body>" + "x".repeat(5000));
      assertStreamError(c.awaitClose(), "policy-violation");
    }
  }
}
