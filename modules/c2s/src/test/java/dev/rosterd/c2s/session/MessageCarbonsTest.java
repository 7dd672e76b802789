package dev.rosterd.c2s.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Message carbons (XEP-0280): a resource that enabled them sees the chats its user's other
 * resources send and receive, wrapped as {@code <sent/>} and {@code <received/>} copies; never a
 * copy to the resource that sent, nor of a {@code <private/>} message, nor after {@code <disable/>}.
 */
@ExtendWith(VertxExtension.class)
class MessageCarbonsTest {
  private static final String ENABLE = "<iq type='set' id='c1'><enable xmlns='urn:xmpp:carbons:2'/></iq>";

  private SessionLayer sessions;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    sessions = SessionHarness.start(vertx).sessions();
  }

  @Test
  void aSecondResourceSeesWhatTheFirstSendsAndReceives(Vertx vertx) throws Exception {
    TestClient phone = TestClient.bind(vertx, sessions, "alice", "phone");
    TestClient laptop = TestClient.bind(vertx, sessions, "alice", "laptop");
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "b");
    laptop.send(ENABLE);
    assertTrue(laptop.nextWith("id='c1'").contains("type='result'"));

    phone.send("<message to='bob@rosterd.test/b' type='chat' id='m1'><body>from the phone</body></message>");
    assertTrue(bob.nextWith("from the phone").contains("from='alice@rosterd.test/phone'"));
    String sent = laptop.nextWith("from the phone");
    assertTrue(sent.contains("<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"), sent);
    assertTrue(sent.startsWith("<message") && sent.contains("from='alice@rosterd.test' to='alice@rosterd.test/laptop'"), sent);

    bob.send("<message to='alice@rosterd.test/phone' type='chat' id='m2'><body>to the phone</body></message>");
    assertFalse(phone.nextWith("to the phone").contains("urn:xmpp:carbons:2"));
    String received = laptop.nextWith("to the phone");
    assertTrue(received.contains("<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"), received);
    assertTrue(received.contains("from='bob@rosterd.test/b'"), received);

    // The laptop's own chat reaches bob and is not copied back to the laptop (nor to the phone,
    // which never enabled carbons): the next thing the laptop gets is the copy of the phone's next.
    laptop.send("<message to='bob@rosterd.test/b' type='chat'><body>from the laptop</body></message>");
    bob.nextWith("from the laptop");
    phone.send("<message to='bob@rosterd.test/b' type='chat'><body>marker</body></message>");
    assertEquals("marker", text(laptop.next(s -> !s.startsWith("<presence"))));
  }

  @Test
  void privateMessagesAndDisabledResourcesGetNoCopy(Vertx vertx) throws Exception {
    TestClient phone = TestClient.bind(vertx, sessions, "alice", "phone");
    TestClient laptop = TestClient.bind(vertx, sessions, "alice", "laptop");
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "b");
    laptop.send(ENABLE);
    laptop.nextWith("id='c1'");

    phone.send("<message to='bob@rosterd.test/b' type='chat'><body>secret</body><private xmlns='urn:xmpp:carbons:2'/></message>");
    bob.nextWith("secret");
    laptop.send("<iq type='set' id='c2'><disable xmlns='urn:xmpp:carbons:2'/></iq>");
    assertTrue(laptop.nextWith("id='c2'").contains("type='result'"));
    phone.send("<message to='bob@rosterd.test/b' type='chat'><body>after disable</body></message>");
    bob.nextWith("after disable");
    // What the laptop gets next is its own ping's answer: no copy of either message came before it.
    laptop.send("<iq type='get' id='p1' to='rosterd.test'><ping xmlns='urn:xmpp:ping'/></iq>");
    String next = laptop.next(s -> !s.startsWith("<presence"));
    assertTrue(next.contains("id='p1'"), next);
  }

  /** The body of the first message in {@code xml}. */
  private static String text(String xml) {
    int start = xml.indexOf("<body>") + "<body>".length();
    return xml.substring(start, xml.indexOf("</body>", start));
  }
}
