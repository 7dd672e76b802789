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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Converse.js 14 in headless Chromium against rosterd, as a person uses the demo: alice logs in to
 * the demo page and is signed on to rosterd with a token, sees the roster the web application
 * owns, chats with bob (a Smack client), sees the web application add and remove contacts without
 * a reload, reloads and is signed on again, and cannot change her roster from the page. One copy
 * of the steps; each subclass runs them over one transport (the page's {@code
 * demoBackend.transport}, and the forced roster set from the page's console over the same). A
 * screenshot of each step is beside the test report, in a folder named after the subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConverseScenario {
  private static final String ALICE = "alice@localhost";
  private static final String BOB = "bob@localhost";

  private final BrowserStack.Transport transport;
  private BrowserStack stack;
  private Chromium browser;

  ConverseScenario(BrowserStack.Transport transport) {
    this.transport = transport;
  }

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    browser = Chromium.start(getClass());
    stack = BrowserStack.start(dir, new JsonObject()
        .put("alice", new JsonObject()
            .put(BOB, entry("Bob", "Friends"))
            .put("carol@localhost", entry("Carol", "Work")))
        .put("bob", new JsonObject().put(ALICE, entry("Alice", "Friends")))
        .put("carol", new JsonObject().put(ALICE, entry("Alice", "Work"))), transport);
  }

  @AfterAll
  void stop() throws Exception {
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
    for (BrowserStack.Transport t : BrowserStack.Transport.values()) {
      assertEquals(t == transport ? 1 : 0, stack.sessionsOver(t), "sessions over " + t);
    }

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

    // Converse.js resumes its stream (XEP-0198) or logs in afresh, whichever it can: either way
    // bob need not see alice leave. What proves she is signed on again is a chat that can only
    // reach a page that is: one bob sends after the reload.
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
    assertEquals("error", forced.getString("type"), forced.encode());
    assertEquals("service-unavailable", forced.getString("condition"), forced.encode());
    assertEquals(List.of(BOB, "dave@localhost"), forced.getJsonArray("roster").stream().map(String::valueOf).sorted().toList());
    assertTrue(browser.driver.findElements(By.cssSelector(openChat("mallory@localhost"))).isEmpty());
    browser.screenshot("8-forced-roster-set-refused");
  }

  /**
   * What anyone at the page's console can do: sign on as the page does (a token from
   * /credentials), over the page's transport to the URL the page uses, and send a roster set that
   * adds mallory, then a roster get. Converse.js keeps its connection to itself, so the script
   * opens its own. Answers {@code {"set": <the answer to the set>, "type": <its type>,
   * "condition": <its error's condition>, "roster": [<jids the get answered>]}}.
   */
  private JsonObject forcedRosterSet() {
    return new JsonObject((String) browser.driver.executeAsyncScript(PAGE_ROSTER_SET, transport.config));
  }

  private static final String PAGE_ROSTER_SET = """
      const done = arguments[arguments.length - 1];
      const transport = arguments[0];
      // What arrives, as elements; next() takes the first one wanted and drops those before it.
      const inbox = (more) => {
        const items = [];
        let wake = () => {};
        return {
          put: (e) => { items.push(e); wake(); },
          nudge: () => wake(),
          next: async (wanted) => {
            for (;;) {
              const i = items.findIndex(wanted);
              if (i >= 0) return items.splice(0, i + 1)[i];
              await new Promise((r) => { wake = r; more(); });
            }
          },
        };
      };
      const xml = (text) => new DOMParser().parseFromString(text, 'text/xml').documentElement;
      // RFC 7395: one element per message, <open/> opens and reopens the stream.
      const websocket = async (url, domain) => {
        const box = inbox(() => {});
        const ws = new WebSocket(url, 'xmpp');
        ws.onmessage = (m) => box.put(xml(m.data));
        await new Promise((opened, failed) => { ws.onopen = opened; ws.onerror = failed; });
        const open = () => ws.send(`<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='${domain}' version='1.0'/>`);
        open();
        return { send: async (x) => ws.send(x), restart: async () => open(), next: box.next,
          close: async () => ws.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>") };
      };
      // XEP-0124/0206, one request at a time: each answer's children go to the inbox, and when
      // nothing wanted is there an empty request asks the server for more.
      const bosh = async (url, domain) => {
        let rid = Math.floor(Math.random() * 1e9);
        let sid = null;
        const post = async (attrs, payload) => {
          const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' },
            body: `<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' rid='${rid++}'`
              + `${sid ? ` sid='${sid}'` : ''} ${attrs}>${payload}</body>` });
          const body = xml(await r.text());
          sid = sid || body.getAttribute('sid');
          [...body.children].forEach((e) => box.put(e));
          box.nudge(); // an empty answer too: next() looks again, and asks again
        };
        let polling = null;
        const box = inbox(() => { polling = polling || post('', '').finally(() => { polling = null; }); });
        await post(`to='${domain}' xml:lang='en' wait='10' hold='1' ver='1.6' xmpp:version='1.0'`, '');
        return { send: (x) => post('', x), next: box.next,
          restart: () => post(`to='${domain}' xml:lang='en' xmpp:restart='true'`, ''),
          close: () => post("type='terminate'", "<presence xmlns='jabber:client' type='unavailable'/>") };
      };
      (async () => {
        const session = await (await fetch('/session')).json();
        const signOn = await (await fetch('/credentials')).json();
        const [user, domain] = signOn.jid.split('@');
        const xmpp = transport === 'bosh' ? await bosh(session.boshUrl, domain) : await websocket(session.websocketUrl, domain);
        const features = (e) => e.localName === 'features';
        const answer = (id) => (e) => e.getAttribute('id') === id;
        const iq = (id, type, payload) => `<iq xmlns='jabber:client' id='${id}' type='${type}'>${payload}</iq>`;
        await xmpp.next(features);
        await xmpp.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${btoa('\\0' + user + '\\0' + signOn.password)}</auth>`);
        await xmpp.next((e) => e.localName === 'success');
        await xmpp.restart();
        await xmpp.next(features);
        await xmpp.send(iq('bind', 'set', "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>console</resource></bind>"));
        await xmpp.next(answer('bind'));
        await xmpp.send(iq('force', 'set', "<query xmlns='jabber:iq:roster'><item jid='mallory@localhost' name='Mallory'/></query>"));
        const set = await xmpp.next(answer('force'));
        await xmpp.send(iq('get', 'get', "<query xmlns='jabber:iq:roster'/>"));
        const got = await xmpp.next(answer('get'));
        await xmpp.close();
        const error = set.getElementsByTagName('error')[0];
        done(JSON.stringify({ set: new XMLSerializer().serializeToString(set), type: set.getAttribute('type'),
          condition: error && error.firstElementChild ? error.firstElementChild.localName : null,
          roster: [...got.getElementsByTagName('item')].map((i) => i.getAttribute('jid')) }));
      })().catch((e) => done(JSON.stringify({ set: 'failed: ' + e, roster: [] })));
      """;

  private WebElement contact(String group, String jid) {
    return browser.visible(".roster-group[data-group='" + group + "'] " + openChat(jid));
  }

  private static String openChat(String jid) {
    return "a.open-chat[data-jid='" + jid + "']";
  }

  private void message(String text) {
    browser.until("the message \"" + text + "\" shown", d -> d.findElements(By.cssSelector(".chat-msg__text")).stream()
        .anyMatch(m -> m.getText().contains(text)));
  }

  private static JsonObject entry(String name, String group) {
    return new JsonObject().put("name", name).put("groups", new JsonArray().add(group));
  }

  private static EntityBareJid jid(String jid) throws Exception {
    return JidCreate.entityBareFrom(jid);
  }
}
