package dev.rosterd.c2s.csi;

import dev.rosterd.stanza.Namespaces;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Client state indication (XEP-0352) for one session: while the client says it is inactive (a
 * phone in a pocket, a tab in the background), presence updates are held back, the latest per
 * sender only, and chat-state notifications without a body are dropped; everything else, above
 * all a message with a body, goes out at once, after the presence held so far, so that the client
 * never sees a message before the presence that came before it. {@code <active/>} sends what was
 * held.
 *
 * <p>Works on stanzas as routed (XML text from rosterd's own serialiser), reading only the root's
 * name and {@code from}. Used on the session's context only.
 */
public final class ClientStateFilter {
  /** Held presences past which the filter sends them rather than keep more. */
  static final int MAX_HELD = 1000;

  private final Map<String, String> held = new LinkedHashMap<>();
  private boolean inactive;

  /** The client sent {@code <inactive/>}. */
  public void inactive() {
    inactive = true;
  }

  /** The client sent {@code <active/>}: what was held is written now. */
  public void active(Consumer<String> write) {
    inactive = false;
    flush(write);
  }

  /** Writes {@code xml} with {@code write} now, or holds or drops it while the client is inactive. */
  public void deliver(String xml, Consumer<String> write) {
    if (!inactive) {
      write.accept(xml);
      return;
    }
    if (xml.startsWith("<presence")) {
      String from = RootTag.attribute(xml, "from");
      held.remove(from);
      held.put(from, xml);
      if (held.size() > MAX_HELD) {
        flush(write);
      }
      return;
    }
    if (chatStateOnly(xml)) {
      return;
    }
    flush(write);
    write.accept(xml);
  }

  private void flush(Consumer<String> write) {
    held.values().forEach(write);
    held.clear();
  }

  /** A message that only says someone is typing (XEP-0085), with nothing to read. */
  private static boolean chatStateOnly(String xml) {
    return xml.startsWith("<message") && xml.contains(Namespaces.CHAT_STATES) && !xml.contains("<body");
  }
}
