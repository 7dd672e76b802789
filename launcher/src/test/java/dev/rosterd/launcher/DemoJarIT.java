package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rosterd.testing.TestTls;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The shipped demo through the built jar: {@code conf/rosterd.json} and {@code
 * conf/demo-rosters.json} as they are in the repository, with only the ports made free ones (and
 * the test certificate), so an ordinary XMPP client logs in as alice, sees the roster of the file,
 * and sees an edit of the file as a push. The listeners get port 0; the demo backend and the
 * fetcher are then pointed at each other's real ports through the redeploy endpoint.
 */
@ExtendWith(VertxExtension.class)
class DemoJarIT {
  private static final String TOKEN = "demo-jar-test-token-0123";
  private static final Pattern C2S = Pattern.compile("c2s for localhost listening on 127\\.0\\.0\\.1:(\\d+) \\(STARTTLS\\)");
  private static final Pattern ADMIN = Pattern.compile("admin HTTP listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern DEMO = Pattern.compile("demo backend serving rosters of \\d+ users from \\S+ on http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path dir;

  @Test
  void theShippedDemoServesTheFilesRosterAndPushesItsEdits(Vertx vertx) throws Exception {
    Path repoConf = Path.of("..", "conf");
    Files.createDirectories(dir.resolve("conf"));
    Path rosters = dir.resolve("conf").resolve("demo-rosters.json");
    Files.copy(repoConf.resolve("demo-rosters.json"), rosters);
    JsonObject config = new JsonObject(Files.readString(repoConf.resolve("rosterd.json")));
    config.getJsonObject("c2s").put("host", "127.0.0.1").put("port", 0).put("tls", new JsonObject()
        .put("certPath", TestTls.certPath().toString()).put("keyPath", TestTls.keyPath().toString()));
    config.getJsonObject("c2s").getJsonObject("web").put("port", 0);
    config.getJsonObject("admin").put("port", 0).put("token", TOKEN);
    config.getJsonObject("demoBackend").put("port", 0).put("token", TOKEN).put("scanPeriodMs", 50);

    WebClient web = WebClient.create(vertx);
    try (RosterdProcess rosterd = RosterdProcess.start(dir, config)) {
      rosterd.awaitLine("rosterd started for domain localhost");
      int admin = rosterd.loggedPort(ADMIN);
      int c2s = rosterd.loggedPort(C2S);
      int demoDeployments = rosterd.matchingLines(DEMO);
      redeploy(web, admin, "demoBackend", config.getJsonObject("demoBackend").copy()
          .put("refreshUrl", "http://127.0.0.1:" + admin + "/roster_admin/refresh"));
      // The redeploy answers before its log line has necessarily come through the pipe: wait for
      // the new deployment's line rather than taking the last one seen so far.
      int demo = Integer.parseInt(rosterd.awaitMatch(DEMO, demoDeployments + 1).group(1));
      redeploy(web, admin, "rosterFetcher", config.getJsonObject("rosterFetcher").copy()
          .put("http_roster_url", "http://127.0.0.1:" + demo + "/roster/%s"));

      XMPPTCPConnection alice = XmppClients.login("localhost", c2s, "alice", "alice-secret", "SCRAM-SHA-1", "demo");
      try {
        Roster roster = Roster.getInstanceFor(alice);
        roster.reloadAndWait();
        assertEquals("Bob", roster.getEntry(JidCreate.entityBareFrom("bob@localhost")).getName());
        assertNotNull(roster.getEntry(JidCreate.entityBareFrom("carol@localhost")));

        Jid dave = JidCreate.entityBareFrom("dave@localhost");
        CompletableFuture<Void> added = new CompletableFuture<>();
        roster.addRosterListener(new AbstractRosterListener() {
          @Override
          public void entriesAdded(Collection<Jid> addresses) {
            if (addresses.contains(dave)) {
              added.complete(null);
            }
          }
        });
        JsonObject edited = new JsonObject(Files.readString(rosters));
        edited.getJsonObject("alice").put("dave@localhost", new JsonObject().put("name", "Dave"));
        Files.writeString(rosters, edited.encodePrettily());
        added.get(RosterdProcess.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("Dave", roster.getEntry(dave.asBareJid()).getName());
      } finally {
        alice.disconnect();
      }
    } finally {
      web.close();
    }
  }

  private static void redeploy(WebClient web, int adminPort, String piece, JsonObject section) throws Exception {
    HttpResponse<Buffer> r = web.post(adminPort, "127.0.0.1", "/admin/verticles/" + piece + "/redeploy")
        .bearerTokenAuthentication(TOKEN)
        .sendJson(section)
        .await(RosterdProcess.WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }
}
