package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.WAIT_SECONDS;
import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.launcher.OpsStack.await;
import static dev.rosterd.launcher.RosterDelegationTest.bare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.launcher.RosterDelegationTest.RosterEvents;
import io.vertx.core.json.JsonObject;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a newcomer runs it: rosterd with the demo backend as its web application. A client
 * logs in and sees the roster of the rosters file; the file is edited, the demo backend POSTs the
 * refresh, and the client sees the push. A person logged in to the demo page gets a token from
 * the demo backend's {@code /credentials} that logs her in to rosterd (the same secret on both).
 */
class DemoBackendStackTest {
  private static final String SECRET = "demo-stack-test-secret-0123456789abcdef";

  @TempDir Path dir;
  private Path rosters;
  private OpsStack stack;

  @BeforeEach
  void start() throws Exception {
    rosters = dir.resolve("demo-rosters.json");
    Files.writeString(rosters, new JsonObject()
        .put("alice", new JsonObject().put(jid("bob"), new JsonObject().put("name", "Bob").put("groups", new io.vertx.core.json.JsonArray().add("Friends"))))
        .put("bob", new JsonObject().put(jid("alice"), new JsonObject().put("name", "Alice")))
        .encodePrettily());
    stack = OpsStack.start(dir, config -> {
      config.getJsonObject("auth").put("tokens", new JsonObject().put("secret", SECRET));
      config.put("demoBackend", new JsonObject()
          .put("host", "127.0.0.1")
          .put("port", 0)
          .put("rostersFile", rosters.toString())
          .put("token", OpsStack.TOKEN)
          .put("tokenSecret", SECRET)
          .put("scanPeriodMs", OpsStack.WATCH_MS));
    });
    // Every listener got a free port: point the demo backend at the admin router, then the
    // fetcher at the demo backend, as the shipped config does with fixed ports.
    JsonObject demo = stack.config().getJsonObject("demoBackend")
        .put("refreshUrl", "http://127.0.0.1:" + stack.adminPort() + "/roster_admin/refresh");
    await(stack.node.redeploy("demoBackend", demo));
    await(stack.node.redeploy("rosterFetcher", new JsonObject()
        .put("http_roster_url", "http://127.0.0.1:" + stack.demoPort() + "/roster/%s")));
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void aClientSeesTheFilesRosterAndTheEditAsAPush() throws Exception {
    XMPPTCPConnection alice = stack.login("alice", "phone");
    Roster roster = Roster.getInstanceFor(alice);
    roster.reloadAndWait();
    assertEquals(Set.of(bare("bob")), jids(roster));
    assertEquals("Bob", roster.getEntry(bare("bob")).getName());
    RosterEvents events = new RosterEvents();
    roster.addRosterListener(events);

    JsonObject edited = new JsonObject(Files.readString(rosters));
    edited.getJsonObject("alice").put(jid("carol"), new JsonObject().put("name", "Carol"));
    Files.writeString(rosters, edited.encodePrettily());

    events.added("carol").get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(Set.of(bare("bob"), bare("carol")), jids(roster));
    assertEquals("Carol", roster.getEntry(bare("carol")).getName());
    assertTrue(alice.isConnected());
  }

  @Test
  void theDemoPagesCredentialsLogInToRosterd() throws Exception {
    WebClientSession browser = WebClientSession.create(
        WebClient.create(stack.vertx, new WebClientOptions().setFollowRedirects(false)));
    await(browser.post(stack.demoPort(), "127.0.0.1", "/login")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("user", "alice")));
    JsonObject credentials = await(browser.get(stack.demoPort(), "127.0.0.1", "/credentials").send()).bodyAsJsonObject();
    assertEquals(jid("alice"), credentials.getString("jid"));

    XMPPTCPConnection alice = XmppClients.login(
        FullStack.DOMAIN, stack.c2sPort(), "alice", credentials.getString("password"), "PLAIN", "web");
    try {
      assertTrue(alice.isAuthenticated());
      Roster roster = Roster.getInstanceFor(alice);
      roster.reloadAndWait();
      assertEquals(Set.of(bare("bob")), jids(roster));
    } finally {
      alice.disconnect();
      browser.close();
    }
  }

  private static Set<Object> jids(Roster roster) {
    return roster.getEntries().stream().map(RosterEntry::getJid).collect(Collectors.toSet());
  }
}
