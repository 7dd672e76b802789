package dev.rosterd.c2s.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.session.SessionEntry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class StanzaDeliveryTest {
  @BeforeAll
  static void jids() {
    Jids.setUp();
  }

  private static Set<String> addresses(List<SessionEntry> entries) {
    return entries.stream().map(SessionEntry::address).collect(Collectors.toSet());
  }

  @Test
  void everyResourceSharingTheHighestPriorityGetsBareJidMessages() {
    var entries = List.of(
        new SessionEntry("a", 5, true),
        new SessionEntry("b", 5, true),
        new SessionEntry("c", 1, true),
        new SessionEntry("d", 9, false));
    assertEquals(Set.of("a", "b"), addresses(StanzaDelivery.highestPriority(entries)));
  }

  @Test
  void negativePrioritiesAndUnavailableResourcesGetNone() {
    var entries = List.of(new SessionEntry("a", -1, true), new SessionEntry("b", 3, false));
    assertEquals(Set.of(), addresses(StanzaDelivery.highestPriority(entries)));
  }

  @Test
  void recipientsAreSortedAsRfc6120Section10Says() throws Exception {
    var alice = JidCreate.entityFullFrom("alice@rosterd.test/a");
    var domain = JidCreate.domainBareFrom("rosterd.test");
    assertEquals(Recipient.Kind.OWN_ACCOUNT, Recipient.of(null, alice, domain).kind());
    assertEquals(Recipient.Kind.OWN_ACCOUNT, Recipient.of("ALICE@rosterd.test", alice, domain).kind());
    assertEquals(Recipient.Kind.SERVER, Recipient.of("rosterd.test", alice, domain).kind());
    assertEquals(Recipient.Kind.LOCAL_BARE, Recipient.of("bob@rosterd.test", alice, domain).kind());
    assertEquals(Recipient.Kind.LOCAL_FULL, Recipient.of("alice@rosterd.test/b", alice, domain).kind());
    assertEquals(Recipient.Kind.REMOTE, Recipient.of("bob@elsewhere.test", alice, domain).kind());
    assertEquals(Recipient.Kind.MALFORMED, Recipient.of("@@", alice, domain).kind());
  }
}
