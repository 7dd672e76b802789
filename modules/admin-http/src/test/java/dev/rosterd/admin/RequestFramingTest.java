package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request whose body could be framed two ways (request smuggling behind a proxy) is answered 400
 * with a JSON error and its connection closed before any route runs: the refresh it asks for never
 * happens. Raw bytes on a socket, since an HTTP client would not send them.
 */
@ExtendWith(VertxExtension.class)
class RequestFramingTest {
  private static final String BODY = "[\"alice\"]";
  private static final String POST = "POST /roster_admin/refresh HTTP/1.1\r\nHost: rosterd\r\n";

  private AdminHarness h;

  @BeforeEach
  void start(Vertx vertx) {
    h = AdminHarness.start(vertx, new JsonObject());
    h.online("alice");
  }

  static Stream<Arguments> smuggled() {
    return Stream.of(
        Arguments.of("Content-Length beside Transfer-Encoding",
            POST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n" + BODY + "\r\n0\r\n\r\n"),
        Arguments.of("an unknown coding with a Content-Length",
            POST + "Content-Length: 9\r\nTransfer-Encoding: xchunked\r\n\r\n" + BODY),
        Arguments.of("a list of codings",
            POST + "Transfer-Encoding: gzip, chunked\r\n\r\n9\r\n" + BODY + "\r\n0\r\n\r\n"),
        Arguments.of("Transfer-Encoding twice",
            POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n" + BODY + "\r\n0\r\n\r\n"),
        Arguments.of("Transfer-Encoding in HTTP/1.0",
            "POST /roster_admin/refresh HTTP/1.0\r\nHost: rosterd\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n"
                + BODY + "\r\n0\r\n\r\n"),
        Arguments.of("an obs-folded Transfer-Encoding",
            POST + "Content-Length: 9\r\nTransfer-Encoding:\r\n chunked\r\n\r\n" + BODY),
        Arguments.of("an obs-folded other header",
            POST + "X-Note: one\r\n\ttwo\r\nContent-Length: 9\r\n\r\n" + BODY),
        Arguments.of("two differing Content-Lengths",
            POST + "Content-Length: 9\r\nContent-Length: 4\r\n\r\n" + BODY),
        Arguments.of("a signed Content-Length", POST + "Content-Length: +9\r\n\r\n" + BODY),
        Arguments.of("a hexadecimal Content-Length", POST + "Content-Length: 0x9\r\n\r\n" + BODY),
        Arguments.of("a Content-Length list", POST + "Content-Length: 9, 9\r\n\r\n" + BODY),
        Arguments.of("a bare CR", POST + "X-Note: one\rTwo: 2\r\nContent-Length: 9\r\n\r\n" + BODY),
        Arguments.of("whitespace before a colon", POST + "Content-Length : 9\r\n\r\n" + BODY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smuggled")
  void isRejectedAndClosed(String what, String request) throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(h.admin.actualPort())) {
      RawHttpConnection.Response r = c.send(request).response();
      assertEquals(400, r.status(), r.head());
      JsonObject error = new JsonObject(r.body());
      assertEquals("error", error.getString("status"));
      assertTrue(error.getString("message").startsWith("request framing rejected: "), error.encode());
      assertTrue(c.closedByServer(), "the connection stays open after " + what);
    }
    assertEquals(1, h.backend.requests("alice"), "a refresh ran for " + what);
  }

  @Test
  void wellFramedRequestsShareAConnection() throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(h.admin.actualPort())) {
      c.send(POST + "Content-Length: 9\r\n\r\n" + BODY + POST + "Transfer-Encoding: Chunked\r\n\r\n9\r\n" + BODY + "\r\n0\r\n\r\n");
      assertEquals(200, c.response().status());
      assertEquals(200, c.response().status());
    }
    assertEquals(3, h.backend.requests("alice"));
  }

  @Test
  void aSmuggledRequestBehindAGoodOneIsRefused() throws Exception {
    try (RawHttpConnection c = new RawHttpConnection(h.admin.actualPort())) {
      c.send(POST + "Content-Length: 9\r\n\r\n" + BODY
          + POST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n" + BODY + "\r\n0\r\n\r\n");
      assertEquals(200, c.response().status());
      assertEquals(400, c.response().status());
      assertTrue(c.closedByServer());
    }
    assertEquals(2, h.backend.requests("alice"));
  }
}
