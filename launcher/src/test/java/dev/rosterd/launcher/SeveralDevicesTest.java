package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.WAIT_SECONDS;
import static dev.rosterd.launcher.FullStack.await;
import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.FakeRosterBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * One user on two devices, with Smack's own carbons (XEP-0280) and client state indication
 * (XEP-0352): each device sees what the other sends and receives, and a phone in the background
 * gets no presence flood, only the latest presence once it is looked at again, while chats reach it
 * at once.
 */
@ExtendWith(VertxExtension.class)
class SeveralDevicesTest {
  private FullStack stack;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    FakeRosterBackend backend = await(FakeRosterBackend.start(vertx));
    backend.roster("alice", new JsonObject().put(jid("bob"), contact("Bob")));
    backend.roster("bob", new JsonObject().put(jid("alice"), contact("Alice")));
    stack = FullStack.start(vertx, backend);
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void twoResourcesSeeEachOthersChatsThroughCarbons() throws Exception {
    XMPPTCPConnection phone = stack.login("alice", "phone");
    XMPPTCPConnection laptop = stack.login("alice", "laptop");
    XMPPTCPConnection bob = stack.login("bob", "desk");
    BlockingQueue<String> onLaptop = new LinkedBlockingQueue<>();
    BlockingQueue<String> onPhone = new LinkedBlockingQueue<>();
    CarbonManager.getInstanceFor(laptop).addCarbonCopyReceivedListener(
        (direction, copy, wrapper) -> onLaptop.add(direction + ":" + copy.getBody()));
    CarbonManager.getInstanceFor(phone).addCarbonCopyReceivedListener(
        (direction, copy, wrapper) -> onPhone.add(direction + ":" + copy.getBody()));
    assertTrue(CarbonManager.getInstanceFor(laptop).isSupportedByServer());
    CarbonManager.getInstanceFor(laptop).enableCarbons();
    CarbonManager.getInstanceFor(phone).enableCarbons();
    available(phone, laptop, bob);

    phone.sendStanza(chat(phone, jid("bob"), "sent from the phone"));
    assertEquals(CarbonExtension.Direction.sent + ":sent from the phone", onLaptop.poll(WAIT_SECONDS, TimeUnit.SECONDS));

    bob.sendStanza(chat(bob, jid("alice") + "/laptop", "to the laptop"));
    assertEquals(CarbonExtension.Direction.received + ":to the laptop", onPhone.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    // The sender never gets a copy of its own: the laptop's next copy is of the phone's next chat.
    laptop.sendStanza(chat(laptop, jid("bob"), "sent from the laptop"));
    assertEquals(CarbonExtension.Direction.sent + ":sent from the laptop", onPhone.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    phone.sendStanza(chat(phone, jid("bob"), "marker"));
    assertEquals(CarbonExtension.Direction.sent + ":marker", onLaptop.poll(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void aPhoneInTheBackgroundGetsOnlyTheLatestPresenceButEveryChatAtOnce() throws Exception {
    XMPPTCPConnection phone = stack.login("alice", "phone");
    XMPPTCPConnection bob = stack.login("bob", "desk");
    available(phone, bob);
    ClientStateIndicationManager.inactive(phone);
    // Answered after the <inactive/> was read: it is in force for what follows.
    assertTrue(PingManager.getInstanceFor(phone).pingMyServer());
    try (StanzaCollector presences = phone.createStanzaCollector(
            new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createFull(bob.getUser())));
        StanzaCollector chats = phone.createStanzaCollector(StanzaTypeFilter.MESSAGE)) {
      for (int i = 0; i < 20; i++) {
        bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().setStatus("status " + i).build());
      }
      bob.sendStanza(chat(bob, phone.getUser().toString(), "are you there?"));
      Message chat = chats.nextResult(WAIT_SECONDS * 1000);
      assertNotNull(chat, "a chat reaches an inactive client at once");
      assertEquals("are you there?", chat.getBody());

      ClientStateIndicationManager.active(phone);
      assertTrue(PingManager.getInstanceFor(phone).pingMyServer());
      Presence latest = presences.nextResult(WAIT_SECONDS * 1000);
      assertNotNull(latest);
      assertEquals("status 19", latest.getStatus(), "only the latest of twenty, not the flood");
      // Nothing else of bob's came: the next presence is one sent after this point.
      bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().setStatus("after").build());
      Presence after = presences.nextResult(WAIT_SECONDS * 1000);
      assertEquals("after", after.getStatus());
    }
  }

  private static void available(XMPPTCPConnection... clients) throws Exception {
    for (XMPPTCPConnection c : clients) {
      c.sendStanza(c.getStanzaFactory().buildPresenceStanza().build());
    }
    for (XMPPTCPConnection c : clients) {
      assertTrue(PingManager.getInstanceFor(c).pingMyServer());
    }
  }

  private static Message chat(XMPPTCPConnection from, String to, String body) throws Exception {
    return from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat)
        .setBody(body).build();
  }
}
