package dev.rosterd.c2s.transport.bosh;

import static dev.rosterd.c2s.transport.bosh.BoshTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What BOSH does with time, on short configured values: a held request is answered empty after
 * {@code wait}; a session with no request for {@code inactivity} ends as a lost connection does;
 * a stanza that comes while the page has no request open (a dropped request, a reload) waits for
 * the page's next request and is not lost.
 */
class BoshTimingTest {
  private static final int WAIT_S = 1;
  private static final int INACTIVITY_S = 2;

  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject()
      .put("web", new JsonObject().put("port", 0).put("behindTlsProxy", true)
          .put("boshMaxWaitSeconds", WAIT_S).put("boshInactivitySeconds", INACTIVITY_S)));

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

  @Test
  void aHeldRequestIsAnsweredEmptyAfterWait() throws Exception {
    alice.login("alice", "wonderland");
    long start = System.nanoTime();
    BoshTestClient.Answer a = alice.exchange("");
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertFalse(a.terminates(), a.xml());
    assertFalse(a.xml().contains("<message"), a.xml());
    assertTrue(tookMs >= WAIT_S * 1000 - 100 && tookMs < WAIT_S * 1000 + 3000, "answered after " + tookMs + " ms");
  }

  @Test
  void aSessionWithNoRequestForInactivityEndsAsALostConnection() throws Exception {
    alice.login("alice", "wonderland");
    try (RawXmppClient bob = bob()) {
      Future<BoshTestClient.Answer> sent = alice.send("<presence xmlns='jabber:client'/>"
          + "<presence xmlns='jabber:client' to='bob@rosterd.test/desk'/>");
      bob.expect("from='alice@rosterd.test/browser'");
      await(sent);
      long quiet = System.nanoTime();
      // Alice sends nothing more: after inactivity her session ends, and bob hears she is gone.
      String gone = bob.expect("type='unavailable'");
      long afterMs = (System.nanoTime() - quiet) / 1_000_000;
      assertTrue(gone.contains("alice@rosterd.test/browser"), gone);
      assertTrue(afterMs >= INACTIVITY_S * 1000 - 200, "ended after " + afterMs + " ms");
      assertEquals("item-not-found", alice.exchange("").attr("condition"));
    }
  }
}
