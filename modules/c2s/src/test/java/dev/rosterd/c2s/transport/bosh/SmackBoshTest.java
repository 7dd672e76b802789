package dev.rosterd.c2s.transport.bosh;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.roster.RosterItem;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A real BOSH client, Smack's (jbosh underneath), against the c2s: login, the roster, and messages
 * both ways with a Smack client over TCP. What another implementation of XEP-0124 makes of ours.
 */
class SmackBoshTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject()
      .put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true).put("boshMaxWaitSeconds", 20)));

  @Test
  void aSmackBoshClientLogsInGetsItsRosterAndChatsWithATcpClient() throws Exception {
    server.vertx().eventBus().<JsonObject>consumer(Addresses.ROSTER_GET, m -> m.reply(new RosterSnapshot("1",
        List.of(new RosterItem("bob@" + DOMAIN, "Bob", List.of("Friends")))).toJson()))
        .completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    BOSHConfiguration config = BOSHConfiguration.builder()
        .setXmppDomain(DOMAIN)
        // Smack 4.4 writes an address given as text into the URL as InetAddress.toString() ("/127.0.0.1").
        .setHost("localhost")
        .setPort(server.server().verticle.actualWebPort())
        .setFile("/http-bind")
        .setUseHttps(false)
        .setSecurityMode(SecurityMode.disabled)
        .setUsernameAndPassword("alice", "wonderland")
        .addEnabledSaslMechanism("PLAIN")
        .setResource("smack-bosh")
        .setSendPresence(false)
        .build();
    XMPPBOSHConnection alice = new XMPPBOSHConnection(config);
    XMPPTCPConnection bob = null;
    try {
      alice.setReplyTimeout(XmppClients.REPLY_TIMEOUT.toMillis());
      alice.connect();
      alice.login();
      assertEquals("alice@" + DOMAIN + "/smack-bosh", alice.getUser().toString());

      Roster roster = Roster.getInstanceFor(alice);
      roster.reloadAndWait();
      RosterEntry entry = roster.getEntry(JidCreate.bareFrom("bob@" + DOMAIN));
      assertNotNull(entry, "bob in alice's roster: " + roster.getEntries());
      assertEquals("Bob", entry.getName());

      bob = XmppClients.login(DOMAIN, server.port(), "bob", "builder", "PLAIN", "desk");
      CompletableFuture<String> atBob = new CompletableFuture<>();
      CompletableFuture<String> atAlice = new CompletableFuture<>();
      bob.addAsyncStanzaListener(s -> atBob.complete(((Message) s).getBody()), MessageWithBodiesFilter.INSTANCE);
      alice.addAsyncStanzaListener(s -> atAlice.complete(((Message) s).getBody()), MessageWithBodiesFilter.INSTANCE);

      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to(JidCreate.from("bob@" + DOMAIN + "/desk")).ofType(Message.Type.chat).setBody("hi bob over BOSH").build());
      assertEquals("hi bob over BOSH", atBob.get(10, TimeUnit.SECONDS));
      bob.sendStanza(bob.getStanzaFactory().buildMessageStanza()
          .to(JidCreate.from("alice@" + DOMAIN + "/smack-bosh")).ofType(Message.Type.chat).setBody("hi alice").build());
      assertEquals("hi alice", atAlice.get(10, TimeUnit.SECONDS));
    } finally {
      alice.disconnect();
      if (bob != null) {
        bob.disconnect();
      }
    }
  }
}
