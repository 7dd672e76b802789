package dev.rosterd.c2s.transport.bosh;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.transport.bosh.BoshTestClient.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * XEP-0124 and XEP-0206 over raw HTTP: session creation, a whole login and chat with a TCP client,
 * rid and sid checks, repeated and out-of-order rids, the client's terminate, bodies that break a
 * limit or XML's rules, and a stanza that comes while the page has no request open (a dropped
 * request, a reload): it waits for the page's next request and is not lost.
 */
class BoshProtocolTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("maxStanzaBytes", 4096)
      .put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true).put("boshMaxWaitSeconds", 30)
          .put("boshInactivitySeconds", 30)));

  private BoshTestClient alice;

  @BeforeEach
  void connect() {
    alice = new BoshTestClient(server.vertx(), server.server().verticle.actualWebPort());
  }

  @AfterEach
  void close() {
    alice.close();
  }

  private RawXmppClient bob() throws Exception {
    return C2sTestServer.bound(RawXmppClient.connect(server.port()), "bob", "builder", "desk");
  }

  private static String chat(String to, String text) {
    return "<message xmlns='jabber:client' to='" + to + "' type='chat'><body>" + text + "</body></message>";
  }

  @Test
  void theCreationAnswerDescribesTheSessionAndCarriesTheFeatures() throws Exception {
    BoshTestClient.Answer a = alice.create("wait='60' hold='3' ack='1'");
    assertEquals(200, a.status());
    assertTrue(a.headers().get("Content-Type").startsWith("text/xml"), a.headers().toString());
    assertTrue(a.attr("sid").length() >= 32, a.xml());
    assertEquals("30", a.attr("wait"), "wait is at most boshMaxWaitSeconds");
    assertEquals("1", a.attr("hold"), "hold is at most boshMaxHold");
    assertEquals("2", a.attr("requests"));
    assertEquals("30", a.attr("inactivity"));
    assertEquals("2", a.attr("polling"));
    assertEquals("1.11", a.attr("ver"));
    assertEquals(DOMAIN, a.attr("from"));
    assertEquals(String.valueOf(alice.rid()), a.attr("ack"));
    assertEquals("1.0", a.attr("xmpp:version"));
    assertEquals("true", a.attr("xmpp:restartlogic"));
    assertTrue(a.xml().contains("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"), a.xml());
    assertTrue(a.xml().contains("<mechanism>PLAIN</mechanism>"), a.xml());
    assertFalse(a.xml().contains("starttls"), a.xml());
  }

  @Test
  void logsInRestartsBindsChatsWithATcpClientAndTerminates() throws Exception {
    alice.login("alice", "wonderland");
    try (RawXmppClient bob = bob()) {
      Future<BoshTestClient.Answer> sent = alice.send(chat("bob@rosterd.test/desk", "hi bob"));
      String atBob = bob.expect("</message>");
      assertTrue(atBob.contains("from='alice@rosterd.test/browser'") && atBob.contains("<body>hi bob</body>"), atBob);

      // hold is 1: the next request has the one held before it answered.
      Future<BoshTestClient.Answer> poll = alice.send("");
      assertFalse(await(sent).terminates());
      bob.send("<message to='alice@rosterd.test/browser' type='chat'><body>hi alice</body></message>");
      BoshTestClient.Answer heard = await(poll);
      assertTrue(heard.xml().contains("<message xmlns='jabber:client'") && heard.xml().contains("hi alice")
          && heard.xml().contains("from='bob@rosterd.test/desk'"), heard.xml());

      BoshTestClient.Answer end = await(alice.post(alice.body("type='terminate'",
          "<presence xmlns='jabber:client' type='unavailable'/>")));
      assertTrue(end.terminates(), end.xml());
      BoshTestClient.Answer after = alice.exchange("");
      assertEquals("item-not-found", after.attr("condition"), after.xml());
    }
  }

  @Test
  void anUnknownSidIsNotFound() throws Exception {
    String body = "<body xmlns='" + BoshTestClient.NS + "' rid='5' sid='nosuchsession' ver='1.11'/>";
    BoshTestClient.Answer modern = await(alice.post(body));
    assertEquals(200, modern.status());
    assertTrue(modern.terminates(), modern.xml());
    assertEquals("item-not-found", modern.attr("condition"));
    BoshTestClient.Answer legacy = await(alice.post(body.replace(" ver='1.11'", "")));
    assertEquals(404, legacy.status(), "a client without ver gets XEP-0124's legacy status");
  }

  @Test
  void aRidPastTheWindowEndsTheSession() throws Exception {
    alice.create("wait='60' hold='1'");
    BoshTestClient.Answer a = await(alice.post(alice.body(alice.rid() + 3, "", "")));
    assertEquals("item-not-found", a.attr("condition"), a.xml());
    BoshTestClient.Answer after = alice.exchange("");
    assertEquals("item-not-found", after.attr("condition"), "the session is over: " + after.xml());
  }

  @Test
  void aRepeatedRidGetsTheSameAnswerAgain() throws Exception {
    alice.login("alice", "wonderland");
    try (RawXmppClient bob = bob()) {
      Future<BoshTestClient.Answer> poll = alice.send("");
      bob.send("<message to='alice@rosterd.test/browser' type='chat'><body>once</body></message>");
      BoshTestClient.Answer first = await(poll);
      assertTrue(first.xml().contains("once"), first.xml());
      // The page lost that answer (a reload): it asks for the same rid again (XEP-0124 §14.3).
      BoshTestClient.Answer again = await(alice.post(alice.body(alice.rid(), "", "")));
      assertEquals(first.xml(), again.xml());
    }
  }

  @Test
  void requestsAreTakenInRidOrderWhateverOrderTheyArriveIn() throws Exception {
    alice.login("alice", "wonderland");
    try (RawXmppClient bob = bob()) {
      long first = alice.rid() + 1;
      Future<BoshTestClient.Answer> second = alice.post(alice.body(first + 1, "",
          chat("bob@rosterd.test/desk", "second")));
      Future<BoshTestClient.Answer> firstSent = alice.post(alice.body(first, "",
          chat("bob@rosterd.test/desk", "first")));
      String atBob = bob.expect("second</body>");
      assertTrue(atBob.indexOf("first</body>") >= 0 && atBob.indexOf("first</body>") < atBob.indexOf("second</body>"),
          atBob);
      assertFalse(await(firstSent).terminates(), "hold is 1: the older of the two held is answered");
    }
  }

  @Test
  void aBodyTooLargeEndsTheSessionWithPolicyViolation() throws Exception {
    alice.login("alice", "wonderland");
    String big = chat("bob@rosterd.test/desk", "x".repeat(8000));
    BoshTestClient.Answer a = alice.exchange(big);
    assertTrue(a.terminates(), a.xml());
    assertEquals("policy-violation", a.attr("condition"), a.xml());
    assertEquals("item-not-found", alice.exchange("").attr("condition"));
  }

  @Test
  void restrictedXmlEndsTheSessionWithItsStreamError() throws Exception {
    alice.login("alice", "wonderland");
    BoshTestClient.Answer a = alice.exchange("<!-- a comment -->");
    assertTrue(a.terminates(), a.xml());
    assertEquals("remote-stream-error", a.attr("condition"), a.xml());
    assertTrue(a.xml().contains("<restricted-xml xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), a.xml());
  }

  @Test
  void aStreamToAnotherDomainIsHostUnknown() throws Exception {
    BoshTestClient.Answer a = await(alice.post("<body xmlns='" + BoshTestClient.NS + "' xmlns:xmpp='urn:xmpp:xbosh'"
        + " rid='10' to='elsewhere.example' ver='1.11' xmpp:version='1.0' wait='60' hold='1'/>"));
    assertTrue(a.terminates(), a.xml());
    assertEquals("host-unknown", a.attr("condition"), a.xml());
  }

  @Test
  void aBodyThatIsNotABoshBodyIsABadRequest() throws Exception {
    BoshTestClient.Answer a = await(alice.post("<message xmlns='jabber:client'/>"));
    assertEquals(400, a.status());
    assertEquals("bad-request", a.attr("condition"), a.xml());
  }

  @Test
  void aStanzaForADroppedRequestWaitsForTheNextOne() throws Exception {
    alice.login("alice", "wonderland");
    try (RawXmppClient bob = bob()) {
      C2sTestServer.ping(bob, "ready");
      long rid = alice.rid() + 1;
      String body = alice.body(rid, "", "<message xmlns='jabber:client' to='bob@rosterd.test/desk' type='chat'>"
          + "<body>reloading</body></message>");
      // The page sends a request and goes (a reload) before it is answered.
      try (Socket page = new Socket("127.0.0.1", server.server().verticle.actualWebPort())) {
        OutputStream out = page.getOutputStream();
        byte[] bytes = body.getBytes(UTF_8);
        out.write(("POST /http-bind HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
            + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(UTF_8));
        out.write(bytes);
        out.flush();
        bob.expect("reloading</body>");
      }
      bob.send("<message to='alice@rosterd.test/browser' type='chat'><body>while you were away</body></message>");
      // The reloaded page asks for that rid again: what came meanwhile is in its answer.
      BoshTestClient.Answer again = await(alice.post(alice.body(rid, "", "")));
      assertTrue(again.xml().contains("while you were away"), again.xml());
      assertEquals(again.xml(), await(alice.post(alice.body(rid, "", ""))).xml(), "and again, the same answer");
    }
  }
}
