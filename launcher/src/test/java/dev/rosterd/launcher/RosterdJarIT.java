package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The end-to-end test of issue 2: the built jar, started as a separate process on a config file,
 * serves an ordinary XMPP client over STARTTLS with the web application's roster, pushes a change
 * the web application POSTs, and on SIGTERM ends the client's stream with {@code
 * <system-shutdown/>} and the process with status 0.
 */
@ExtendWith(VertxExtension.class)
class RosterdJarIT {
  private static final String DOMAIN = FullStack.DOMAIN;
  /** The c2s's log line for its STARTTLS listener, with the port it got. */
  private static final Pattern C2S_LISTENING =
      Pattern.compile("c2s for rosterd\\.test listening on 127\\.0\\.0\\.1:(\\d+) \\(STARTTLS\\)");
  /** The admin router's log line, with the port it got. */
  private static final Pattern ADMIN_LISTENING =
      Pattern.compile("admin HTTP listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  @Test
  void aClientLogsInGetsItsRosterAndItsPushesAndIsShutDownCleanlyOnSigterm(Vertx vertx) throws Exception {
    FakeRosterBackend backend = FakeRosterBackend.start(vertx).await(30, TimeUnit.SECONDS);
    backend.roster(
        "alice", new JsonObject().put("bob@" + DOMAIN, FakeRosterBackend.contact("Bob", "Friends")));

    try (RosterdProcess rosterd = RosterdProcess.start(dir, FullStack.config(backend))) {
      String started = rosterd.awaitLine("rosterd started for domain " + DOMAIN + ": ");
      assertTrue(
          started.endsWith(
              ": auth, rosterFetcher, rosterCache, subscriptionBlocking,"
                  + " admin on 127.0.0.1:0, c2s on 127.0.0.1:0"),
          started);
      // Port 0: each listener binds a free port and logs it, so no port is guessed.
      int c2sPort = rosterd.loggedPort(C2S_LISTENING);
      int adminPort = rosterd.loggedPort(ADMIN_LISTENING);

      XMPPTCPConnection alice =
          XmppClients.login(DOMAIN, c2sPort, "alice", "alice-pw", "SCRAM-SHA-1", "e2e");
      assertTrue(alice.isSecureConnection(), "STARTTLS was negotiated");
      Roster roster = Roster.getInstanceFor(alice);
      roster.reloadAndWait();
      RosterEntry bob = roster.getEntry(JidCreate.entityBareFrom("bob@" + DOMAIN));
      assertNotNull(bob, "the web application's contact is in the roster");
      assertEquals("Bob", bob.getName());
      assertEquals(ItemType.both, bob.getType());

      Jid carol = JidCreate.entityBareFrom("carol@" + DOMAIN);
      CompletableFuture<Void> carolAdded = new CompletableFuture<>();
      roster.addRosterListener(
          new AbstractRosterListener() {
            @Override
            public void entriesAdded(Collection<Jid> addresses) {
              if (addresses.contains(carol)) {
                carolAdded.complete(null);
              }
            }
          });
      backend.roster(
          "alice",
          new JsonObject()
              .put("bob@" + DOMAIN, FakeRosterBackend.contact("Bob", "Friends"))
              .put("carol@" + DOMAIN, FakeRosterBackend.contact("Carol")));
      JsonObject summary =
          WebClient.create(vertx)
              .post(adminPort, "127.0.0.1", "/roster_admin/refresh")
              .sendJson(new JsonArray().add("alice"))
              .await(30, TimeUnit.SECONDS)
              .bodyAsJsonObject();
      assertEquals(
          new JsonObject()
              .put("status", "ok")
              .put("message", "roster update complete")
              .put("updated", 1)
              .put("errors", 0),
          summary);
      carolAdded.get(RosterdProcess.WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals("Carol", roster.getEntry(carol.asBareJid()).getName());

      CompletableFuture<Exception> closed = new CompletableFuture<>();
      alice.addConnectionListener(
          new ConnectionListener() {
            @Override
            public void connectionClosed() {
              closed.complete(null);
            }

            @Override
            public void connectionClosedOnError(Exception e) {
              closed.complete(e);
            }

            @Override
            public void connected(XMPPConnection connection) {}

            @Override
            public void authenticated(XMPPConnection connection, boolean resumed) {}
          });
      rosterd.terminate();

      Exception e = closed.get(RosterdProcess.WAIT.toSeconds(), TimeUnit.SECONDS);
      StreamErrorException streamError = assertInstanceOf(StreamErrorException.class, e);
      assertEquals(
          StreamError.Condition.system_shutdown, streamError.getStreamError().getCondition());
      assertEquals(0, rosterd.exitCode(), rosterd.stderr());
      assertTrue(rosterd.stderr().contains("rosterd stopped"), rosterd.stderr());
    } finally {
      backend.close();
    }
  }
}
