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

    // A reload drops the WebSocket without <close/>: the session waits to be resumed (XEP-0198),
    // so alice never looks offline to bob, and the reloaded page carries on where it was.
    browser.driver.navigate().refresh();
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
    // The menus of the contacts list and of each contact are in the page, closed until clicked.
    List<String> offered = browser.driver.findElements(By.cssSelector(".dropdown--contacts .dropdown-item, .list-item-action .dropdown-item"))
        .stream().map(e -> e.getAttribute("title") + " " + e.getAttribute("textContent")).toList();
    assertFalse(offered.isEmpty(), "no contact menus found");
    assertTrue(offered.stream().noneMatch(t -> t.contains("Add") || t.contains("Remove")), offered.toString());
    JsonObject forced = forcedRosterSet();
    assertTrue(forced.getString("set").contains("type='error'")
        && forced.getString("set").contains("<service-unavailable"), forced.encode());
    assertEquals(List.of(BOB, "dave@localhost"), forced.getJsonArray("roster").stream().map(String::valueOf).sorted().toList());
    assertTrue(browser.driver.findElements(By.cssSelector(openChat("mallory@localhost"))).isEmpty());
    browser.screenshot("8-forced-roster-set-refused");
  }

  /**
   * What anyone at the page's console can do: sign on as the page does (a token from
   * /credentials), over a WebSocket of the page's origin, and send a roster set that adds mallory,
   * then a roster get. Converse.js keeps its connection to itself, so the script opens its own.
   * Answers {@code {"set": <the answer to the set>, "roster": [<jids the get answered>]}}.
   */
  private static JsonObject forcedRosterSet() {
    return new JsonObject((String) browser.driver.executeAsyncScript(PAGE_ROSTER_SET));
  }

  private static final String PAGE_ROSTER_SET = """
      const done = arguments[arguments.length - 1];
      (async () => {
        const session = await (await fetch('/session')).json();
        const signOn = await (await fetch('/credentials')).json();
        const [user, domain] = signOn.jid.split('@');
        const ws = new WebSocket(session.websocketUrl, 'xmpp');
        const inbox = [];
        let wake = () => {};
        ws.onmessage = (e) => { inbox.push(e.data); wake(); };
        await new Promise((opened, failed) => { ws.onopen = opened; ws.onerror = failed; });
        const next = async (wanted) => {
          for (;;) {
            const i = inbox.findIndex(wanted);
            if (i >= 0) return inbox.splice(0, i + 1)[i];
            await new Promise((r) => { wake = r; });
          }
        };
        const answer = (id) => (m) => new DOMParser().parseFromString(m, 'text/xml').documentElement.getAttribute('id') === id;
        const features = (m) => m.startsWith('<stream:features');
        const open = `<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='${domain}' version='1.0'/>`;
        const iq = (id, type, payload) => `<iq xmlns='jabber:client' id='${id}' type='${type}'>${payload}</iq>`;
        ws.send(open);
        await next(features);
        ws.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${btoa('\\0' + user + '\\0' + signOn.password)}</auth>`);
        await next((m) => m.startsWith('<success'));
        ws.send(open);
        await next(features);
        ws.send(iq('bind', 'set', "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>console</resource></bind>"));
        await next(answer('bind'));
        ws.send(iq('force', 'set', "<query xmlns='jabber:iq:roster'><item jid='mallory@localhost' name='Mallory'/></query>"));
        const set = await next(answer('force'));
        ws.send(iq('get', 'get', "<query xmlns='jabber:iq:roster'/>"));
        const got = new DOMParser().parseFromString(await next(answer('get')), 'text/xml');
        ws.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
        done(JSON.stringify({ set, roster: [...got.getElementsByTagName('item')].map((i) => i.getAttribute('jid')) }));
      })().catch((e) => done(JSON.stringify({ set: 'failed: ' + e, roster: [] })));
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
  private static JsonObject entry(String name, String group) {
    return new JsonObject().put("name", name).put("groups", new JsonArray().add(group));
  }

  private static EntityBareJid jid(String jid) throws Exception {
    return JidCreate.entityBareFrom(jid);
  }
}
