package dev.rosterd.c2s.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.c2s.routing.Recipient;
import dev.rosterd.c2s.routing.StanzaDelivery;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.common.session.SessionEntry;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a resource remembers of its directed presence is bounded (the hardening issue saw 200,000
 * directed presences to JIDs that do not exist hold 57 MB for the life of the session): an
 * addressee nobody answers for is forgotten, and at most {@link PresenceBroadcast#MAX_DIRECTED}
 * are kept.
 */
@ExtendWith(VertxExtension.class)
class DirectedPresenceTest {
  private static final String DOMAIN = "rosterd.test";

  private SessionDirectory directory;
  private PresenceBroadcast alice;
  private EntityFullJid aliceJid;
  private DomainBareJid domain;

  @BeforeEach
  void setUp(Vertx vertx) {
    Jids.setUp();
    directory = new SessionDirectory(vertx);
    StanzaDelivery delivery = new StanzaDelivery(vertx, directory);
    aliceJid = Jids.parse("alice@" + DOMAIN + "/a").orElseThrow().asEntityFullJidOrThrow();
    domain = Jids.parse(DOMAIN).orElseThrow().asDomainBareJid();
    alice = new PresenceBroadcast(directory, delivery, new PresenceFanout(vertx, delivery), aliceJid,
        "rosterd.session.n.i.alice");
  }

  @Test
  void presenceToJidsNobodyHoldsIsNotRemembered() throws Exception {
    for (int i = 0; i < 500; i++) {
      await(alice.direct(presenceTo("ghost" + i + "@" + DOMAIN), to("ghost" + i + "@" + DOMAIN)));
      await(alice.direct(presenceTo("ghost" + i + "@" + DOMAIN + "/r"), to("ghost" + i + "@" + DOMAIN + "/r")));
    }
    assertEquals(0, alice.directedCount());
  }

  @Test
  void presenceThatReachedSomeoneIsRememberedUpToTheBound() throws Exception {
    int users = PresenceBroadcast.MAX_DIRECTED + 5;
    for (int i = 0; i < users; i++) {
      await(directory.put("u" + i + "@" + DOMAIN, "r", new SessionEntry("rosterd.session.n.i.u" + i, 0, true)));
    }
    for (int i = 0; i < users; i++) {
      await(alice.direct(presenceTo("u" + i + "@" + DOMAIN), to("u" + i + "@" + DOMAIN)));
    }
    assertEquals(PresenceBroadcast.MAX_DIRECTED, alice.directedCount());
  }

  private Recipient to(String jid) {
    return Recipient.of(jid, aliceJid, domain);
  }

  private Element presenceTo(String jid) {
    return Element.builder("presence", Namespaces.CLIENT).attribute("from", aliceJid.toString()).attribute("to", jid).build();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
