package dev.rosterd.c2s.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rosterd.common.session.SessionAddressing;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The addresses the c2s gives out read back as SessionAddressing (everyone else's side) expects. */
@ExtendWith(VertxExtension.class)
class InboxAddressesTest {
  @Test
  void aSessionAddressNamesItsInboxAndNode(Vertx vertx) {
    String inbox = InboxAddresses.newInbox(vertx);
    String session = InboxAddresses.newSession(inbox);
    assertEquals(inbox, SessionAddressing.inboxOf(session));
    assertEquals(SessionAddressing.nodeId(vertx), SessionAddressing.nodeOf(session));
    assertNotEquals(session, InboxAddresses.newSession(inbox));
  }
}
