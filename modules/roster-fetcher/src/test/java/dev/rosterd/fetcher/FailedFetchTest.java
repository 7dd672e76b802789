package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.FakeRosterBackend.Response;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every way the web application can fail fails the whole fetch, with a reason naming user and URL. */
@ExtendWith(VertxExtension.class)
class FailedFetchTest {
  private FetcherHarness h;

  @BeforeEach
  void start(Vertx vertx) {
    h = FetcherHarness.start(vertx, new JsonObject().put("maxBodyBytes", 64));
  }

  static void assertFails(FetcherHarness h, String user, String cause) {
    ReplyException e = h.failure(user);
    assertEquals(BusFailure.BACKEND, e.failureCode());
    String url = "http://127.0.0.1:" + h.backend.port() + "/roster/" + RosterUrl.encode(user);
    assertTrue(e.getMessage().contains("\"" + user + "\""), e.getMessage());
    assertTrue(e.getMessage().contains(url), e.getMessage());
    assertTrue(e.getMessage().contains(cause), e.getMessage());
  }

  @Test
  void serverError() {
    h.backend.respond("bob", new Response(500, "text/plain", "oops"));
    assertFails(h, "bob", "HTTP 500");
  }

  @Test
  void notJson() {
    h.backend.respond("bob", new Response(200, "application/json", "{\"a\":"));
    assertFails(h, "bob", "not valid JSON");
  }

  @Test
  void arrayBody() {
    h.backend.respond("bob", new Response(200, "application/json", "[\"a@example.com\"]"));
    assertFails(h, "bob", "not a JSON object but an array");
  }

  @Test
  void tooBig() {
    JsonObject big = new JsonObject();
    for (int i = 0; i < 20; i++) {
      big.put("contact" + i + "@example.com", FakeRosterBackend.contact("Contact " + i));
    }
    h.backend.roster("bob", big);
    assertFails(h, "bob", "larger than 64 bytes");
  }

  @Test
  void connectionClosed() {
    h.backend.respond("bob", new Response(0, null, null));
    assertFails(h, "bob", "closed");
  }
}
