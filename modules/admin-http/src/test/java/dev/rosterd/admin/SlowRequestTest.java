package dev.rosterd.admin;

import static dev.rosterd.admin.AdminHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code admin.requestReadTimeoutMs} bounds the time from a connection's opening to its whole
 * request: a client that drips bytes forever, which no idle timeout ever cuts, is answered 408
 * (head incomplete) or disconnected (body incomplete), while other clients are served meanwhile.
 */
@ExtendWith(VertxExtension.class)
class SlowRequestTest {
  private static final String POST = "POST /roster_admin/refresh HTTP/1.1\r\nHost: rosterd\r\n";

  private AdminHarness h;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    h = AdminHarness.start(vertx, new JsonObject().put("requestReadTimeoutMs", 300));
    h.online("alice");
  }

  /** What a client got before the server closed its connection. */
  private Future<String> dripping(String first, String drip) {
    return vertx.createNetClient().connect(h.admin.actualPort(), "127.0.0.1").compose(socket -> {
      Promise<String> closed = Promise.promise();
      Buffer received = Buffer.buffer();
      socket.handler(received::appendBuffer);
      socket.write(first);
      long timer = vertx.setPeriodic(20, id -> socket.write(drip));
      socket.closeHandler(v -> {
        vertx.cancelTimer(timer);
        closed.complete(received.toString());
      });
      return closed.future();
    });
  }

  @Test
  void aDrippedHeadIs408WhileOthersAreServed() {
    Future<String> slow = dripping(POST + "X-Drip: ", "a");
    assertEquals(200, h.post("[\"alice\"]").statusCode());
    String answer = await(slow);
    assertTrue(answer.matches("(?s)HTTP/1\\.[01] 408 .*"), answer);
    assertTrue(answer.contains("\"status\":\"error\""), answer);
    assertEquals(2, h.backend.requests("alice"));
  }

  @Test
  void aDrippedBodyIsCut() {
    Future<String> slow = dripping(POST + "Content-Length: 100000\r\n\r\n[\"alice\"", " ");
    assertEquals(200, h.get("/roster_admin/refresh/alice").statusCode());
    assertEquals("", await(slow));
    assertEquals(2, h.backend.requests("alice"));
  }

  @Test
  void aSilentConnectionIs408() {
    Future<String> silent = vertx.createNetClient().connect(h.admin.actualPort(), "127.0.0.1")
        .compose(SlowRequestTest::untilClosed);
    assertTrue(await(silent).matches("(?s)HTTP/1\\.[01] 408 .*"));
  }

  private static Future<String> untilClosed(NetSocket socket) {
    Promise<String> closed = Promise.promise();
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    socket.closeHandler(v -> closed.complete(received.toString()));
    return closed.future();
  }
}
