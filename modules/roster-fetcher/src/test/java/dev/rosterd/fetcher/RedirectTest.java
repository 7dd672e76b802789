package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.roster.RosterItem;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The configured headers (credentials for the web application) go to its origin only: a redirect
 * to another origin fails the fetch unless {@code followCrossOriginRedirects} allows it, and even
 * then the other origin gets no configured header. Redirects within the origin are followed.
 */
@ExtendWith(VertxExtension.class)
class RedirectTest {
  private RawBackend app;
  private FakeRosterBackend elsewhere;
  private Vertx vertx;
  private String elsewhereUrl;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = RawBackend.start(vertx);
    elsewhere = FetcherHarness.await(FakeRosterBackend.start(vertx));
    elsewhere.roster("bob", new JsonObject().put("mallory@example.net", FakeRosterBackend.contact("Mallory")));
    // Same host, another port: another origin all the same.
    elsewhereUrl = "http://127.0.0.1:" + elsewhere.port() + "/roster/bob";
    app.answer("bob", RawBackend.redirect(302, elsewhereUrl));
  }

  private FetcherHarness fetcher(JsonObject config) {
    return FetcherHarness.start(vertx, config.put("http_roster_url", app.rosterUrl())
        .put("headers", new JsonObject().put("Authorization", "Bearer app-token").put("X-Tenant", "t1")));
  }

  @Test
  void redirectToAnotherOriginFails() {
    ReplyException e = fetcher(new JsonObject()).failure("bob");
    assertEquals(BusFailure.BACKEND, e.failureCode());
    assertTrue(e.getMessage().contains(elsewhereUrl), e.getMessage());
    assertTrue(e.getMessage().contains("followCrossOriginRedirects"), e.getMessage());
    assertEquals(0, elsewhere.requests("bob"));
  }

  @Test
  void allowedRedirectToAnotherOriginCarriesNoConfiguredHeader() {
    FetcherHarness h = fetcher(new JsonObject().put("followCrossOriginRedirects", true));
    assertEquals(
        List.of(new RosterItem("mallory@example.net", "Mallory", List.of())),
        FetcherHarness.await(h.fetch("bob")).items());
    Map<String, String> headers = elsewhere.requestHeaders().get(0);
    assertFalse(headers.containsKey("authorization"), headers.toString());
    assertFalse(headers.containsKey("x-tenant"), headers.toString());
    assertEquals("application/json", headers.get("accept"));
  }

  @Test
  void redirectWithinTheOriginIsFollowedWithTheHeaders() {
    app.answer("bob", RawBackend.redirect(301, "/roster/bob2"));
    app.answer("bob2", RawBackend.roster("{\"carol@example.com\":{}}"));
    FetcherHarness h = fetcher(new JsonObject());
    assertEquals(List.of(new RosterItem("carol@example.com", null, List.of())), FetcherHarness.await(h.fetch("bob")).items());
    String second = app.heads().get(1).toLowerCase(Locale.ROOT);
    assertTrue(second.startsWith("get /roster/bob2 "), second);
    assertTrue(second.contains("\r\nauthorization: bearer app-token"), second);
  }

  @Test
  void redirectLoopEnds() {
    app.answer("bob", RawBackend.redirect(307, "/roster/bob"));
    ReplyException e = fetcher(new JsonObject()).failure("bob");
    assertTrue(e.getMessage().contains("redirects"), e.getMessage());
  }
}
