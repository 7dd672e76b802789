package dev.rosterd.c2s.roster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionRosterTest {
  private static final String JOINED = "bob@rosterd.test\nalice@rosterd.test\ncarol@rosterd.test";

  @Test
  void everyListedJidIsFound() {
    assertTrue(SessionRoster.listed(JOINED, "bob@rosterd.test"));
    assertTrue(SessionRoster.listed(JOINED, "alice@rosterd.test"));
    assertTrue(SessionRoster.listed(JOINED, "carol@rosterd.test"));
    assertTrue(SessionRoster.listed("bob@rosterd.test", "bob@rosterd.test"));
  }

  @Test
  void partOfAListedJidIsNotAContact() {
    assertFalse(SessionRoster.listed(JOINED, "ob@rosterd.test"));
    assertFalse(SessionRoster.listed(JOINED, "bob@rosterd.tes"));
    assertFalse(SessionRoster.listed(JOINED, "lice@rosterd.test\ncarol@rosterd.test"));
    assertFalse(SessionRoster.listed(JOINED, "rosterd.test"));
    assertFalse(SessionRoster.listed(JOINED, ""));
    assertFalse(SessionRoster.listed("", "bob@rosterd.test"));
  }

  @Test
  void aJidFoundFirstInsideAnotherIsStillFoundWhereItStandsAlone() {
    assertTrue(SessionRoster.listed("xbob@rosterd.test\nbob@rosterd.test", "bob@rosterd.test"));
  }
}
