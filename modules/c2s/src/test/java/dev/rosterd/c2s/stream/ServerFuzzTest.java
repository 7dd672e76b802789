package dev.rosterd.c2s.stream;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fuzz property over real sockets: whatever bytes one client sends after its stream header
 * (the parser property's inputs), nothing escapes as an unhandled exception on the server, and a
 * second client's session, bound before, still answers a ping after each of them. Fewer tries
 * than the parser property: each is a connection.
 */
class ServerFuzzTest {
  private static Vertx vertx;
  private static C2sTestServer server;
  private static RawXmppClient bob;
  private static final List<Throwable> unhandled = new CopyOnWriteArrayList<>();
  private static int pings;

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.exceptionHandler(unhandled::add);
    server = new C2sTestServer();
    server.start(vertx, new JsonObject()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    bob = C2sTestServer.bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
  }

  @AfterContainer
  static void stop() throws Exception {
    bob.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Property(tries = 100)
  void oneClientsBytesNeitherEscapeNorReachTheOthers(@ForAll("clientBytes") byte[] input) throws Exception {
    try (RawXmppClient attacker = RawXmppClient.connect(server.port())) {
      attacker.sendBytes(input);
      // A '<' where none may be ends most inputs; the rest wait, and the connection is dropped.
      attacker.send("<<");
      C2sTestServer.ping(bob, "p" + pings++);
    }
    if (!unhandled.isEmpty()) {
      throw new AssertionError("unhandled exception on the server", unhandled.get(0));
    }
  }

  @Provide
  Arbitrary<byte[]> clientBytes() {
    return new StreamParserFuzzTest().clientBytes();
  }
}
