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

/** Malformed XML ends the stream with {@code <not-well-formed/>}. */
@ExtendWith(VertxExtension.class)
class NotWellFormedTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx, new JsonObject()).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void mismatchedTags() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<message><body>hi</message>");
      assertStreamError(c.awaitClose(), "not-well-formed");
    }
  }

  @Test
  void garbageInsteadOfAHeader() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send("GET / HTTP/1.1\r\n\r\n");
      String received = c.awaitClose();
      assertTrue(received.startsWith("<?xml version='1.0'?><stream:stream "), received);
      assertStreamError(received, "not-well-formed");
    }
  }
}
