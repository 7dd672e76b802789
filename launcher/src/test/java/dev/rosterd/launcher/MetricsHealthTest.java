package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.launcher.OpsStack.await;
import static dev.rosterd.launcher.RosterDelegationTest.bare;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} shows Vert.x's series and rosterd's after a login, a refresh, a blocked
 * subscription and a stream error; {@code GET /health} says whether every configured piece runs
 * and how the last backend fetch went, and turns 503 when a piece is undeployed.
 */
class MetricsHealthTest {
  @TempDir Path dir;
  private OpsStack stack;

  @BeforeEach
  void start() throws Exception {
    stack = OpsStack.start(dir, c -> {});
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void metricsShowRosterdsSeriesAfterALoginAndARefresh() throws Exception {
    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    XMPPTCPConnection alice = stack.login("alice", "phone");
    Roster.getInstanceFor(alice).reloadAndWait();
    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")).put(jid("dave"), contact("Dave")));
    assertEquals(1, stack.admin(HttpMethod.POST, "/roster_admin/refresh", "[\"alice\"]")
        .bodyAsJsonObject().getInteger("updated"));
    blockASubscription(alice);

    String metrics = metrics();
    assertEquals(1.0, value(metrics, "rosterd_logins_total", "result=\"success\""), metrics);
    assertEquals(1.0, value(metrics, "rosterd_sessions_online", null));
    assertEquals(2.0, value(metrics, "rosterd_roster_fetch_seconds_count", "outcome=\"ok\""), "login and refresh");
    assertTrue(value(metrics, "rosterd_roster_fetch_seconds_bucket", "outcome=\"ok\"") >= 0, "a latency histogram");
    assertEquals(1.0, value(metrics, "rosterd_roster_refreshes_total", "result=\"updated\""));
    assertEquals(1.0, value(metrics, "rosterd_roster_pushes_total", null));
    assertEquals(1.0, value(metrics, "rosterd_subscriptions_blocked_total", "type=\"subscribe\""));
    for (String vertx : new String[] {"vertx_eventbus_", "vertx_http_server_", "vertx_http_client_", "vertx_net_server_"}) {
      assertTrue(metrics.contains("\n" + vertx), "Vert.x's own " + vertx + " series");
    }

    assertEquals(200, stack.admin(HttpMethod.POST, "/admin/verticles/c2s/redeploy", null).statusCode());
    String after = metrics();
    assertEquals(1.0, value(after, "rosterd_stream_errors_total", "condition=\"system-shutdown\""));
    assertEquals(0.0, value(after, "rosterd_sessions_online", null));
  }

  @Test
  void healthIs200WithEveryPieceAnd503NamingTheOneUndeployed() throws Exception {
    HttpResponse<Buffer> fresh = health();
    assertEquals(200, fresh.statusCode(), fresh.bodyAsString());
    assertEquals("ok", fresh.bodyAsJsonObject().getString("status"));
    assertEquals(new JsonArray(), fresh.bodyAsJsonObject().getJsonArray("missing"));
    assertEquals(null, fresh.bodyAsJsonObject().getValue("lastBackendFetch"), "no fetch yet");

    Roster.getInstanceFor(stack.login("alice", "phone")).reloadAndWait();
    assertTrue(health().bodyAsJsonObject().getJsonObject("lastBackendFetch").getBoolean("ok"));
    stack.backend.respond("alice", new FakeRosterBackend.Response(500, "text/plain", "down"));
    stack.admin(HttpMethod.POST, "/roster_admin/refresh", "[\"alice\"]");
    JsonObject failed = health().bodyAsJsonObject().getJsonObject("lastBackendFetch");
    assertFalse(failed.getBoolean("ok"));
    assertTrue(failed.getString("reason").contains("HTTP 500"), failed.encode());

    String fetcher = stack.verticle("rosterFetcher").getString("deploymentId");
    await(stack.vertx.undeploy(fetcher));
    HttpResponse<Buffer> missing = health();
    assertEquals(503, missing.statusCode());
    assertEquals("error", missing.bodyAsJsonObject().getString("status"));
    assertEquals(new JsonArray().add("rosterFetcher"), missing.bodyAsJsonObject().getJsonArray("missing"));
    assertEquals("not deployed: rosterFetcher", missing.bodyAsJsonObject().getString("message"));

    assertEquals(200, stack.admin(HttpMethod.POST, "/admin/verticles/rosterFetcher/redeploy", null).statusCode());
    assertEquals(200, health().statusCode(), "redeployed, healthy again");
  }

  private void blockASubscription(XMPPTCPConnection alice) throws Exception {
    // A message after the subscribe: once it is back, the subscribe was handled before it.
    StanzaCollector echo = alice.createStanzaCollector(StanzaTypeFilter.MESSAGE);
    alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza()
        .ofType(Presence.Type.subscribe).to(bare("bob")).build());
    alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(alice.getUser()).setBody("marker").build());
    echo.nextResultOrThrow(TimeUnit.SECONDS.toMillis(FullStack.WAIT_SECONDS));
    echo.cancel();
  }

  private String metrics() throws Exception {
    HttpResponse<Buffer> r = await(stack.web.get(stack.adminPort(), "127.0.0.1", "/metrics").send());
    assertEquals(200, r.statusCode());
    return r.bodyAsString();
  }

  private HttpResponse<Buffer> health() throws Exception {
    return await(stack.web.get(stack.adminPort(), "127.0.0.1", "/health").send());
  }

  /** The value of the first sample of {@code name} whose labels contain {@code label}; -1 if none. */
  private static double value(String metrics, String name, String label) {
    for (String line : metrics.split("\n")) {
      boolean named = line.startsWith(name + " ") || line.startsWith(name + "{");
      if (named && (label == null || line.contains(label))) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }
}
