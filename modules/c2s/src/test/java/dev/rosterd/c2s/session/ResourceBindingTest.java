package dev.rosterd.c2s.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ResourceBindingTest {
  private SessionLayer sessions;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    sessions = SessionHarness.start(vertx).sessions();
  }

  @Test
  void aMissingResourceIsGeneratedAndRecorded(Vertx vertx) throws Exception {
    TestClient alice = TestClient.bind(vertx, sessions, "alice", null);

    String resource = alice.session.jid().getResourceOrThrow().toString();
    assertFalse(resource.isEmpty());
    Map<String, SessionEntry> online = directory(vertx, alice, "alice@rosterd.test");
    assertEquals(1, online.size());
    assertFalse(online.get(resource).available(), "no presence sent yet");
  }

  @Test
  void aResourceThatFailsPrecisIsABadRequest(Vertx vertx) {
    ExecutionException e = assertThrows(
        ExecutionException.class, () -> TestClient.bind(vertx, sessions, "alice", "bell\u0007"));
    BindFailure failure = (BindFailure) e.getCause();
    assertEquals("bad-request", failure.condition());
    assertEquals(StanzaError.Type.MODIFY, failure.errorType());
  }

  @Test
  void aConflictingResourceReplacesTheOlderSession(Vertx vertx) throws Exception {
    TestClient older = TestClient.bind(vertx, sessions, "alice", "phone");
    TestClient newer = TestClient.bind(vertx, sessions, "alice", "phone");

    assertEquals("conflict", older.link.streamError.get(5, TimeUnit.SECONDS));
    older.close();
    Map<String, SessionEntry> online = directory(vertx, newer, "alice@rosterd.test");
    assertEquals(1, online.size());
    // The newer session is the one still reachable: it answers a ping.
    newer.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
    assertTrue(newer.next().contains("type='result'"));
    assertFalse(newer.link.streamError.isDone());
  }

  private static Map<String, SessionEntry> directory(Vertx vertx, TestClient c, String bare) throws Exception {
    return TestClient.await(c.link, () -> new SessionDirectory(vertx).sessions(bare));
  }
}
