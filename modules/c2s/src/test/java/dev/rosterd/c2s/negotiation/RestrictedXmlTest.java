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

/** RFC 6120 §11.1: DTDs, comments and processing instructions end the stream with {@code <restricted-xml/>}. */
@ExtendWith(VertxExtension.class)
class RestrictedXmlTest {
  private final C2sTestServer server = new C2sTestServer();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx, new JsonObject()).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void doctypeWithEntities() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send("<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY lol 'lol'>]>" + header(DOMAIN).substring(21));
      assertStreamError(c.awaitClose(), "restricted-xml");
    }
  }

  @Test
  void comment() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<!-- hello -->");
      assertStreamError(c.awaitClose(), "restricted-xml");
    }
  }

  @Test
  void processingInstruction() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<message><?target data?></message>");
      assertStreamError(c.awaitClose(), "restricted-xml");
    }
  }
}
