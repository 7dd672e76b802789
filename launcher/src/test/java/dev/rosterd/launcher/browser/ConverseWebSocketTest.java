package dev.rosterd.launcher.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Converse.js 14 in headless Chromium against rosterd over XMPP over WebSocket, as a person uses
 * the demo: alice logs in to the demo page and is signed on to rosterd with a token, sees the
 * roster the web application owns, chats with bob (a Smack client), sees the web application add
 * and remove contacts without a reload, reloads and is signed on again, and cannot change her
 * roster from the page. A screenshot of each step is beside the test report.
 */
class ConverseWebSocketTest {
  private static final String ALICE = "alice@localhost";
  private static final String BOB = "bob@localhost";

  @TempDir static Path dir;
  private static BrowserStack stack;
  private static Chromium browser;

  @BeforeAll
  static void start() throws Exception {
    browser = Chromium.start(ConverseWebSocketTest.class);
    stack = BrowserStack.start(dir, new JsonObject()
        .put("alice", new JsonObject()
            .put(BOB, entry("Bob", "Friends"))
            .put("carol@localhost", entry("Carol", "Work")))
        .put("bob", new JsonObject().put(ALICE, entry("Alice", "Friends")))
        .put("carol", new JsonObject().put(ALICE, entry("Alice", "Work"))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aliceChatsInTheBrowserOnARosterTheWebApplicationOwns() throws Exception {
    browser.driver.get(stack.page());
    browser.visible("#login button[value=alice]").click();
    assertTrue(contact("Friends", BOB).getText().contains("Bob"));
    assertTrue(contact("Work", "carol@localhost").getText().contains("Carol"));
    browser.screenshot("1-signed-on-roster");

    XMPPTCPConnection bob = stack.login("bob", "phone");
    bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build());
    browser.visible("li[data-status=online] a.open-chat[data-jid='" + BOB + "']");
    browser.screenshot("2-bob-online");

    CompletableFuture<String> bobHears = new CompletableFuture<>();
    ChatManager bobsChats = ChatManager.getInstanceFor(bob);
    bob.addAsyncStanzaListener(s -> bobHears.complete(((Message) s).getBody()), MessageWithBodiesFilter.INSTANCE);
    bobsChats.chatWith(jid(ALICE)).send("Hello from Bob");
    contact("Friends", BOB).click();
    message("Hello from Bob");
    browser.screenshot("3-message-from-bob");

    browser.visible("textarea.chat-textarea").sendKeys("Hi Bob, alice here", Keys.ENTER);
    message("Hi Bob, alice here");
    browser.screenshot("4-answer-sent");
    assertEquals("Hi Bob, alice here", bobHears.get(Chromium.WAIT.toSeconds(), TimeUnit.SECONDS));

    stack.editRosters(r -> r.getJsonObject("alice").put("dave@localhost", entry("Dave", "Friends")));
    assertTrue(contact("Friends", "dave@localhost").getText().contains("Dave"));
    browser.screenshot("5-dave-added");

    stack.editRosters(r -> r.getJsonObject("alice").remove("carol@localhost"));
    browser.until("carol gone", d -> d.findElements(By.cssSelector(openChat("carol@localhost"))).isEmpty());
    browser.screenshot("6-carol-removed");

    CompletableFuture<Void> aliceBack = backAfterLeaving(Roster.getInstanceFor(bob), ALICE);
    browser.driver.navigate().refresh();
    aliceBack.get(Chromium.WAIT.toSeconds(), TimeUnit.SECONDS);
    contact("Friends", BOB);
    contact("Friends", "dave@localhost");
    assertFalse(browser.driver.findElement(By.id("login")).isDisplayed(), "the login choice came back");
    assertTrue(browser.driver.findElements(By.cssSelector(openChat("carol@localhost"))).isEmpty());
    bobsChats.chatWith(jid(ALICE)).send("Welcome back");
    contact("Friends", BOB).click();
    message("Welcome back");
    browser.screenshot("7-reloaded-and-signed-on-again");

    assertTrue(browser.driver.findElements(By.cssSelector(".add-contact, .remove-xmpp-contact")).isEmpty(),
        "the page offers to add or remove contacts");
    String answer = forcedRosterSet();
    assertTrue(answer.startsWith("error") && answer.contains("type=\"error\""), answer);
    assertEquals(List.of(BOB, "dave@localhost"), rosterAsTheServerSays());
    assertTrue(browser.driver.findElements(By.cssSelector(openChat("mallory@localhost"))).isEmpty());
    browser.screenshot("8-forced-roster-set-refused");
  }

  /** A roster set sent through Converse.js's own API from the page, as from the console. */
  private String forcedRosterSet() {
    return (String) browser.driver.executeAsyncScript(PAGE_IQ, "set");
  }

  /** The roster the server answers a roster get with, asked from the page. */
  private List<String> rosterAsTheServerSays() {
    String result = (String) browser.driver.executeAsyncScript(PAGE_IQ, "get");
    return new JsonArray(result.substring("result ".length())).stream().map(String::valueOf).sorted().toList();
  }

  /** Sends a roster iq of type arguments[0] (a set adds mallory) and answers "result [jids]" or "error <iq>". */
  private static final String PAGE_IQ = """
      const done = arguments[arguments.length - 1];
      const type = arguments[0];
      import('/converse/converse.min.js').then(({ api }) => {
        const { $iq } = window.converse.env;
        const iq = $iq({ type }).c('query', { xmlns: 'jabber:iq:roster' });
        if (type === 'set') iq.c('item', { jid: 'mallory@localhost', name: 'Mallory' });
        return api.sendIQ(iq).then(
          (r) => done('result ' + JSON.stringify([...r.querySelectorAll('item')].map((i) => i.getAttribute('jid')))),
          (e) => done('error ' + (e && e.outerHTML ? e.outerHTML : String(e))));
      }).catch((e) => done('error ' + e));
      """;

  private static WebElement contact(String group, String jid) {
    return browser.visible(".roster-group[data-group='" + group + "'] " + openChat(jid));
  }

  private static String openChat(String jid) {
    return "a.open-chat[data-jid='" + jid + "']";
  }

  private static void message(String text) {
    browser.until("the message \"" + text + "\" shown", d -> d.findElements(By.cssSelector(".chat-msg__text")).stream()
        .anyMatch(m -> m.getText().contains(text)));
  }

  /** Completes when {@code jid} has gone unavailable and then come back, as bob's roster sees it. */
  private static CompletableFuture<Void> backAfterLeaving(Roster roster, String jid) {
    CompletableFuture<Void> back = new CompletableFuture<>();
    boolean[] left = {false};
    roster.addRosterListener(new AbstractRosterListener() {
      @Override
      public synchronized void presenceChanged(Presence presence) {
        if (!presence.getFrom().asBareJid().toString().equals(jid)) {
          return;
        }
        left[0] |= !presence.isAvailable();
        if (left[0] && presence.isAvailable()) {
          back.complete(null);
        }
      }
    });
    return back;
  }

  private static JsonObject entry(String name, String group) {
    return new JsonObject().put("name", name).put("groups", new JsonArray().add(group));
  }

  private static EntityBareJid jid(String jid) throws Exception {
    return JidCreate.entityBareFrom(jid);
  }
}
