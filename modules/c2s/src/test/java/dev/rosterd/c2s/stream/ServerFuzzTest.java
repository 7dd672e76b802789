package dev.rosterd.c2s.stream;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.exceptionHandler(unhandled::add);
    server = new C2sTestServer();
    server.start(vertx, new JsonObject()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    bob = C2sTestServer.bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
  }

  @AfterAll
  static void stop() throws Exception {
    bob.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static final int TRIES = 100;

  @Test
  void oneClientsBytesNeitherEscapeNorReachTheOthers() throws Exception {
    FuzzInputs inputs = new FuzzInputs();
    for (int i = 0; i < TRIES; i++) {
      byte[] input = inputs.next();
      try (RawXmppClient attacker = RawXmppClient.connect(server.port())) {
        attacker.sendBytes(input);
        // A '<' where none may be ends most inputs; the rest wait, and the connection is dropped.
        attacker.send("<<");
        C2sTestServer.ping(bob, "p" + i);
      }
      if (!unhandled.isEmpty()) {
        throw new AssertionError("unhandled exception on the server after input " + i + " of seed "
            + FuzzInputs.seed() + ": " + HexFormat.of().formatHex(input), unhandled.get(0));
      }
    }
  }
}
