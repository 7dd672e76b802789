package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client rejected for bad input takes nobody else down: another client on the same server goes on negotiating. */
@ExtendWith(VertxExtension.class)
class IsolationTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx, new JsonObject()).onComplete(ctx.succeedingThenComplete());
  }

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
