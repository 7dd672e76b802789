package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.WAIT_SECONDS;
import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.launcher.OpsStack.await;
import static dev.rosterd.launcher.RosterDelegationTest.bare;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.launcher.RosterDelegationTest.RosterEvents;
import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's redeploys with Smack clients connected: one piece at a time, through {@code POST
 * /admin/verticles/{name}/redeploy} or an edit of the config file. Clients stay connected (same
 * stream) across redeploys of the fetcher, the cache, subscription blocking and the admin router,
 * keep their cached rosters and get the next push; a redeploy of the c2s ends their streams with
 * {@code <system-shutdown/>}.
 */
class RedeployTest {
  @TempDir Path dir;
  private OpsStack stack;
  private FakeRosterBackend other;

  @BeforeEach
  void start() throws Exception {
    stack = OpsStack.start(dir, c -> {});
    other = await(FakeRosterBackend.start(stack.vertx));
  }

  @AfterEach
  void stop() throws Exception {
    await(other.close());
    stack.close();
  }

  @Test
  void aNewRosterUrlThroughTheEndpointServesTheNextRefreshAndTheClientSeesThePush() throws Exception {
    Session alice = aliceOnline();
    String before = stack.verticle("rosterFetcher").getString("deploymentId");

    HttpResponse<Buffer> reply = stack.admin(HttpMethod.POST, "/admin/verticles/rosterFetcher/redeploy",
        new JsonObject().put("http_roster_url", other.rosterUrl()).encode());

    assertEquals(200, reply.statusCode(), reply.bodyAsString());
    JsonObject redeployed = reply.bodyAsJsonObject().getJsonObject("verticle");
    assertNotEquals(before, redeployed.getString("deploymentId"));
    assertEquals(redeployed, stack.verticle("rosterFetcher"));
    alice.seesDaveAfterARefreshFrom(other);
  }

  @Test
  void aNewRosterUrlInTheFileRedeploysTheFetcherAloneAndServesTheNextRefresh() throws Exception {
    Session alice = aliceOnline();
    JsonObject cache = stack.verticle("rosterCache");
    JsonObject c2s = stack.verticle("c2s");
    String fetcher = stack.verticle("rosterFetcher").getString("deploymentId");

    JsonObject config = stack.config();
    config.getJsonObject("rosterFetcher").put("http_roster_url", other.rosterUrl());
    stack.writeConfig(config);
    stack.eventually(() -> stack.verticleNow("rosterFetcher")
        .map(v -> v != null && !v.getString("deploymentId").equals(fetcher)));

    assertEquals(cache, stack.verticle("rosterCache"), "the cache was left alone");
    assertEquals(c2s, stack.verticle("c2s"), "the c2s was left alone");
    alice.seesDaveAfterARefreshFrom(other);
  }

  @Test
  void aSectionThatDoesNotCheckIs400AndTheRunningFetcherStays() throws Exception {
    JsonObject before = stack.verticle("rosterFetcher");

    HttpResponse<Buffer> reply = stack.admin(HttpMethod.POST, "/admin/verticles/rosterFetcher/redeploy",
        new JsonObject().put("http_roster_url", "ftp://example.com/%s").encode());

    assertEquals(400, reply.statusCode());
    assertEquals("error", reply.bodyAsJsonObject().getString("status"));
    assertTrue(reply.bodyAsJsonObject().getString("message").startsWith("rosterFetcher.http_roster_url: "),
        reply.bodyAsString());
    assertEquals(before, stack.verticle("rosterFetcher"));
    assertEquals(400, stack.admin(HttpMethod.POST, "/admin/verticles/rosterFetcher/redeploy", "[1]").statusCode());
    assertEquals(404, stack.admin(HttpMethod.POST, "/admin/verticles/nothing/redeploy", null).statusCode());
  }

  @Test
  void anInvalidFileEditChangesNothingAndTheNextGoodOneApplies() throws Exception {
    JsonObject fetcher = stack.verticle("rosterFetcher");
    String blocking = stack.verticle("subscriptionBlocking").getString("deploymentId");
    JsonObject original = stack.config();

    JsonObject bad = original.copy();
    bad.getJsonObject("rosterFetcher").put("http_roster_url", other.rosterUrl()).put("timeoutMS", 5);
    stack.writeConfig(bad);
    stack.eventually(() -> Future.succeededFuture(stack.rejectedEdits() == 1));
    assertEquals(fetcher, stack.verticle("rosterFetcher"), "the bad edit redeployed nothing");

    JsonObject good = original.copy();
    good.getJsonObject("subscriptionBlocking").put("policy", "error");
    stack.writeConfig(good);
    stack.eventually(() -> stack.verticleNow("subscriptionBlocking")
        .map(v -> v != null && !v.getString("deploymentId").equals(blocking)));
    assertEquals(fetcher, stack.verticle("rosterFetcher"), "only the changed section was redeployed");
  }

  @Test
  void cachedRostersSurviveACacheRedeployAndTheNextRefreshIsPushed() throws Exception {
    Session alice = aliceOnline();

    assertEquals(200, stack.admin(HttpMethod.POST, "/admin/verticles/rosterCache/redeploy", null).statusCode());

    XMPPTCPConnection laptop = stack.login("alice", "laptop");
    Roster laptopRoster = Roster.getInstanceFor(laptop);
    laptopRoster.reloadAndWait();
    assertEquals(Set.of(bare("bob")), jids(laptopRoster));
    assertEquals(1, stack.backend.requests("alice"), "the second login was served from the cache");
    alice.seesDaveAfterARefreshFrom(stack.backend);
  }

  @Test
  void subscriptionBlockingRedeploysWithItsNewPolicy() throws Exception {
    Session alice = aliceOnline();

    HttpResponse<Buffer> reply = stack.admin(HttpMethod.POST, "/admin/verticles/subscriptionBlocking/redeploy",
        new JsonObject().put("policy", "error").encode());
    assertEquals(200, reply.statusCode(), reply.bodyAsString());

    StanzaCollector bounces = alice.connection.createStanzaCollector(StanzaTypeFilter.PRESENCE);
    alice.connection.sendStanza(alice.connection.getStanzaFactory().buildPresenceStanza()
        .ofType(Presence.Type.subscribe).to(bare("carol")).build());
    Presence bounce = bounces.nextResult(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertNotNull(bounce, "the subscribe bounced");
    bounces.cancel();
    assertEquals(Presence.Type.error, bounce.getType());
    assertEquals(StanzaError.Condition.not_allowed, bounce.getError().getCondition());
    alice.stillOnTheSameStream();
  }

  @Test
  void theAdminRouterRedeploysItselfAndTheNextRefreshIsPushed() throws Exception {
    Session alice = aliceOnline();
    int deployments = stack.adminDeployments();

    HttpResponse<Buffer> reply = stack.admin(HttpMethod.POST, "/admin/verticles/admin/redeploy", null);

    assertEquals(202, reply.statusCode(), reply.bodyAsString());
    stack.eventually(() -> stack.adminDeployments() == deployments
        ? Future.succeededFuture(false)
        : stack.send(stack.adminPort(), HttpMethod.GET, "/health", null)
            .map(r -> r.statusCode() == 200)
            .otherwise(false));
    alice.seesDaveAfterARefreshFrom(stack.backend);
  }

  @Test
  void redeployingTheC2sEndsStreamsWithSystemShutdownAndClientsLogInAgain() throws Exception {
    Session alice = aliceOnline();
    CompletableFuture<Exception> closed = new CompletableFuture<>();
    alice.connection.addConnectionListener(new ConnectionListener() {
      @Override
      public void connectionClosedOnError(Exception e) {
        closed.complete(e);
      }

      @Override
      public void connectionClosed() {
        closed.complete(null);
      }

      @Override
      public void connected(XMPPConnection connection) {}

      @Override
      public void authenticated(XMPPConnection connection, boolean resumed) {}
    });

    assertEquals(200, stack.admin(HttpMethod.POST, "/admin/verticles/c2s/redeploy", null).statusCode());

    StreamErrorException e = assertInstanceOf(StreamErrorException.class, closed.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(StreamError.Condition.system_shutdown, e.getStreamError().getCondition());
    Roster again = Roster.getInstanceFor(stack.login("alice", "phone"));
    again.reloadAndWait();
    assertEquals(Set.of(bare("bob")), jids(again));
  }

  /** alice logged in with bob in her roster, the roster loaded. */
  private Session aliceOnline() throws Exception {
    stack.backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    XMPPTCPConnection c = stack.login("alice", "phone");
    Roster roster = Roster.getInstanceFor(c);
    roster.reloadAndWait();
    assertEquals(Set.of(bare("bob")), jids(roster));
    return new Session(c, roster, c.getStreamId());
  }

  private static Set<Object> jids(Roster roster) {
    return roster.getEntries().stream().map(RosterEntry::getJid).collect(Collectors.toSet());
  }

  /** A logged-in client and what it saw. */
  private final class Session {
    final XMPPTCPConnection connection;
    final Roster roster;
    final String streamId;

    Session(XMPPTCPConnection connection, Roster roster, String streamId) {
      this.connection = connection;
      this.roster = roster;
      this.streamId = streamId;
    }

    /** The web application at {@code backend} adds dave; a refresh pushes him to this client. */
    void seesDaveAfterARefreshFrom(FakeRosterBackend backend) throws Exception {
      RosterEvents events = new RosterEvents();
      roster.addRosterListener(events);
      backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")).put(jid("dave"), contact("Dave")));
      int before = backend.requests("alice");
      HttpResponse<Buffer> refresh = stack.admin(HttpMethod.POST, "/roster_admin/refresh", "[\"alice\"]");
      assertEquals(1, refresh.bodyAsJsonObject().getInteger("updated"), refresh.bodyAsString());
      events.added("dave").get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(before + 1, backend.requests("alice"), "the refresh fetched from this backend");
      stillOnTheSameStream();
    }

    void stillOnTheSameStream() {
      assertTrue(connection.isConnected(), "still connected");
      assertEquals(streamId, connection.getStreamId(), "the same stream, no reconnect");
    }
  }
}
