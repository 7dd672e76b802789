package dev.rosterd.common.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed sessions of the users a directory read most recently, each with the text it was parsed
 * from. Every stanza to a user and every presence to a contact reads that user's value, and parsing
 * its JSON again each time was a tenth of what a routed message allocated. A value is taken from
 * here only while the directory still holds the same text, so nothing read here is older than the
 * map: on one node the map hands back the very string it stores, and on a cluster a changed value
 * differs in its text.
 */
final class RecentSessions {
  /** One user's value as last read. */
  private record Parsed(String text, Map<String, SessionEntry> sessions) {}

  private final Map<String, Parsed> byUser;

  /** @param capacity how many users are kept; the one read longest ago goes first */
  RecentSessions(int capacity) {
    this.byUser = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The sessions that {@code text}, the user's value just read (null for none), holds. */
  synchronized Map<String, SessionEntry> parsed(String bareJid, String text) {
    if (text == null) {
      byUser.remove(bareJid);
      return Map.of();
    }
    Parsed last = byUser.get(bareJid);
    if (last != null && text.equals(last.text)) {
      return last.sessions;
    }
    Map<String, SessionEntry> sessions = SessionDirectory.entries(text);
    byUser.put(bareJid, new Parsed(text, sessions));
    return sessions;
  }

  /** How many users are kept; for tests. */
  synchronized int size() {
    return byUser.size();
  }
}
