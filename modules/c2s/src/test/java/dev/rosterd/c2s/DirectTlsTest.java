package dev.rosterd.c2s;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * XEP-0368 direct TLS: on directTlsPort TLS starts with the first byte, so the first features
 * already offer SASL and no STARTTLS.
 */
@ExtendWith(VertxExtension.class)
class DirectTlsTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx, new JsonObject().put("directTlsPort", 0)).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void authenticatesWithoutStartTls() throws Exception {
    try (RawXmppClient c = RawXmppClient.connectTls(server.verticle.actualDirectTlsPort())) {
      String features = c.openStream(DOMAIN);
      assertFalse(features.contains("starttls"), features);
      assertTrue(features.contains("<mechanism>SCRAM-SHA-1</mechanism>"), features);
      c.send(C2sTestServer.plainAuth("bob", "builder"));
      c.expect("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    }
  }
}
