package dev.rosterd.c2s.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The iq requests the server answers, and iq routed between sessions. */
@ExtendWith(VertxExtension.class)
class ServerIqTest {
  private static final String UNAVAILABLE =
      "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>";

  private SessionLayer sessions;
  private TestClient alice;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    sessions = SessionHarness.start(vertx).sessions();
    alice = TestClient.bind(vertx, sessions, "alice", "a");
  }

  @Test
  void legacySessionAndPingAreAnswered() throws Exception {
    alice.send("<iq type='set' id='s1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
    assertTrue(alice.next().matches("<iq to='alice@rosterd.test/a' id='s1' type='result'/>"));

    alice.send("<iq type='get' id='p1' to='rosterd.test'><ping xmlns='urn:xmpp:ping'/></iq>");
    assertTrue(alice.next().matches("<iq from='rosterd.test' to='alice@rosterd.test/a' id='p1' type='result'/>"));
  }

  @Test
  void discoInfoNamesTheServerAndItsFeatures() throws Exception {
    alice.send("<iq type='get' id='d1' to='rosterd.test'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    String info = alice.next();
    assertTrue(info.contains("type='result'") && info.contains("id='d1'"), info);
    assertTrue(info.contains("<identity category='server' type='im'"), info);
    assertTrue(info.contains("<feature var='http://jabber.org/protocol/disco#info'/>"), info);
    assertTrue(info.contains("<feature var='urn:xmpp:ping'/>"), info);
  }

  @Test
  void theServerTellsItsVersionAndUptimeAndRefusesBlockLists() throws Exception {
    alice.send("<iq type='get' id='d2' to='rosterd.test'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    String info = alice.next();
    assertTrue(info.contains("<feature var='jabber:iq:version'/>") && info.contains("<feature var='jabber:iq:last'/>"), info);
    assertFalse(info.contains("urn:xmpp:blocking"), "a block list is not offered: " + info);

    alice.send("<iq type='get' id='v1' to='rosterd.test'><query xmlns='jabber:iq:version'/></iq>");
    String version = alice.next();
    assertTrue(version.matches("<iq from='rosterd.test' to='alice@rosterd.test/a' id='v1' type='result'>"
        + "<query xmlns='jabber:iq:version'><name>rosterd</name><version>\\d+\\.\\d+\\.\\d+[^<]*</version></query></iq>"),
        version);

    alice.send("<iq type='get' id='l1' to='rosterd.test'><query xmlns='jabber:iq:last'/></iq>");
    assertTrue(alice.next().matches(".*id='l1' type='result'><query xmlns='jabber:iq:last' seconds='\\d+'/></iq>"));

    alice.send("<iq type='get' id='i1' to='rosterd.test'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
    assertTrue(alice.next().endsWith("id='i1' type='result'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>"));

    alice.send("<iq type='get' id='b1'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
    String refused = alice.next();
    assertTrue(refused.contains("id='b1'") && refused.contains("<not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"), refused);
  }

  @Test
  void unknownRequestsGetServiceUnavailable() throws Exception {
    alice.send("<iq type='get' id='v1' to='rosterd.test'><query xmlns='jabber:iq:register'/></iq>");
    String toServer = alice.next();
    assertTrue(toServer.contains("id='v1'") && toServer.contains("type='error'") && toServer.contains(UNAVAILABLE));
    assertTrue(toServer.contains("<error type='cancel'>"), toServer);

    alice.send("<iq type='set' id='v2'><query xmlns='jabber:iq:private'/></iq>");
    assertTrue(alice.next().contains(UNAVAILABLE));

    alice.send("<iq type='get' id='v3' to='bob@rosterd.test'><vCard xmlns='vcard-temp'/></iq>");
    assertTrue(alice.next().contains(UNAVAILABLE));
  }

  @Test
  void resultsToTheServerAreDroppedAndMissingTypesRejected() throws Exception {
    alice.send("<iq type='result' id='r1'/>");
    alice.send("<iq id='t1'><ping xmlns='urn:xmpp:ping'/></iq>");
    String answer = alice.next();
    assertTrue(answer.contains("id='t1'") && answer.contains("bad-request"), answer);
  }

  @Test
  void iqToAFullJidIsRoutedAndToAMissingOneBounced(Vertx vertx) throws Exception {
    TestClient bob = TestClient.bind(vertx, sessions, "bob", "b");

    alice.send("<iq type='get' id='q1' to='bob@rosterd.test/b'><query xmlns='jabber:iq:version'/></iq>");
    String atBob = bob.next();
    assertTrue(atBob.contains("id='q1'") && atBob.contains("from='alice@rosterd.test/a'"), atBob);
    bob.send("<iq type='result' id='q1' to='alice@rosterd.test/a'><query xmlns='jabber:iq:version'><name>x</name></query></iq>");
    assertTrue(alice.next().contains("<name>x</name>"));

    alice.send("<iq type='get' id='q2' to='bob@rosterd.test/gone'><query xmlns='jabber:iq:version'/></iq>");
    String error = alice.next();
    assertTrue(error.contains("id='q2'") && error.contains(UNAVAILABLE), error);
  }
}
