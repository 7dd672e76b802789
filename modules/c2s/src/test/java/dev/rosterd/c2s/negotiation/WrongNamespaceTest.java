package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static dev.rosterd.testing.RawXmppClient.header;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A stream header in the wrong namespace ends the stream with {@code <invalid-namespace/>}. */
@ExtendWith(VertxExtension.class)
class WrongNamespaceTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx, new JsonObject()).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void wrongStreamNamespace() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send("<stream:stream xmlns='jabber:client' xmlns:stream='urn:example:wrong' to='" + DOMAIN + "' version='1.0'>");
      assertStreamError(c.awaitClose(), "invalid-namespace");
    }
  }

  @Test
  void serverToServerContentNamespace() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send(header(DOMAIN).replace("jabber:client", "jabber:server"));
      assertStreamError(c.awaitClose(), "invalid-namespace");
    }
  }
}
