package dev.rosterd.common.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentSessionsTest {
  private static final String JULIET = "juliet@example.com";

  private static String value(String address, int priority) {
    return "{\"balcony\":{\"address\":\"" + address + "\",\"priority\":" + priority + ",\"available\":true}}";
  }

  @Test
  void theSameTextIsParsedOnce() {
    RecentSessions recent = new RecentSessions(4);
    Map<String, SessionEntry> first = recent.parsed(JULIET, value("rosterd.session.n1.i1.a", 1));
    // An equal string that is not the same one, as a clustered map hands back.
    assertSame(first, recent.parsed(JULIET, new String(value("rosterd.session.n1.i1.a", 1))));
    assertEquals(Map.of("balcony", new SessionEntry("rosterd.session.n1.i1.a", 1, true)), first);
  }

  @Test
  void aChangedValueIsParsedAgain() {
    RecentSessions recent = new RecentSessions(4);
    Map<String, SessionEntry> before = recent.parsed(JULIET, value("rosterd.session.n1.i1.a", 1));
    Map<String, SessionEntry> after = recent.parsed(JULIET, value("rosterd.session.n1.i1.a", 5));
    assertNotSame(before, after);
    assertEquals(5, after.get("balcony").priority());
  }

  @Test
  void aUserGoneOfflineIsForgotten() {
    RecentSessions recent = new RecentSessions(4);
    recent.parsed(JULIET, value("rosterd.session.n1.i1.a", 1));
    assertEquals(Map.of(), recent.parsed(JULIET, null));
    assertEquals(0, recent.size());
  }

  @Test
  void theUserReadLongestAgoMakesRoom() {
    RecentSessions recent = new RecentSessions(2);
    Map<String, SessionEntry> a = recent.parsed("a@example.com", value("rosterd.session.n1.i1.a", 0));
    recent.parsed("b@example.com", value("rosterd.session.n1.i1.b", 0));
    recent.parsed("a@example.com", value("rosterd.session.n1.i1.a", 0));
    recent.parsed("c@example.com", value("rosterd.session.n1.i1.c", 0));
    assertEquals(2, recent.size());
    assertSame(a, recent.parsed("a@example.com", value("rosterd.session.n1.i1.a", 0)));
  }
}
