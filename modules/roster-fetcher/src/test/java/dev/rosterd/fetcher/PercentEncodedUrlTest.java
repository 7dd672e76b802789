package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Usernames that need encoding reach the web application intact (the reference mangled them). */
@ExtendWith(VertxExtension.class)
class PercentEncodedUrlTest {
  private FetcherHarness h;

  @BeforeEach
  void start(Vertx vertx) {
    h = FetcherHarness.start(vertx, new JsonObject());
  }

  @Test
  void everyByteOutsideUnreservedIsEncoded() {
    List<String> names = List.of("zoë", "hash#tag", "pct%41", "a b", "a/b", "plus+q?x=1&y", "Tilde~ok-._");
    for (String name : names) {
      h.backend.roster(name, new JsonObject().put("c@example.com", FakeRosterBackend.contact(name)));
    }
    for (String name : names) {
      var items = FetcherHarness.await(h.fetch(name)).items();
      assertEquals(name, items.get(0).name(), "backend decoded the username of " + name);
      assertEquals(1, h.backend.requests(name), name);
    }
    assertEquals(
        List.of(
            "/roster/zo%C3%AB",
            "/roster/hash%23tag",
            "/roster/pct%2541",
            "/roster/a%20b",
            "/roster/a%2Fb",
            "/roster/plus%2Bq%3Fx%3D1%26y",
            "/roster/Tilde~ok-._"),
        h.backend.rawUris());
  }

  /** {@code .} and {@code ..} as a path segment would mean the folder and its parent (RFC 3986 §5.2.4). */
  @Test
  void dotSegmentsAreEncoded() {
    List<String> names = List.of(".", "..", "...", ".a");
    for (String name : names) {
      h.backend.roster(name, new JsonObject().put("c@example.com", FakeRosterBackend.contact(name)));
      assertEquals(name, FetcherHarness.await(h.fetch(name)).items().get(0).name());
    }
    assertEquals(List.of("/roster/%2E", "/roster/%2E%2E", "/roster/...", "/roster/.a"), h.backend.rawUris());
  }
}
