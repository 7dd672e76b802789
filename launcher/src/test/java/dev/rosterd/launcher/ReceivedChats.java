package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;

/**
 * What one user's client got, by where it came from (live on a stream, offline delivery, the
 * message archive): each chat as its body and the XEP-0359 id the server gave it, in arrival
 * order, duplicates kept so that they can be found.
 */
final class ReceivedChats {
  /** Where a client can get a chat from. */
  enum Source {
    LIVE, OFFLINE, ARCHIVE
  }

  private final String user;
  private final Map<Source, List<Chat>> bySource = new LinkedHashMap<>();

  /** One chat as the client saw it. */
  record Chat(String body, String stanzaId) {}

  ReceivedChats(String user) {
    this.user = user;
    for (Source s : Source.values()) {
      bySource.put(s, new ArrayList<>());
    }
  }

  /** The local part of the user. */
  String user() {
    return user;
  }

  /** A collector big enough for a whole burst (Smack's default keeps 5000 stanzas). */
  static StanzaCollector collector(XMPPTCPConnection c) {
    return c.createStanzaCollector(StanzaCollector.newConfiguration()
        .setStanzaFilter(MessageWithBodiesFilter.INSTANCE).setSize(100_000));
  }

  /** Adds what {@code collector} holds now as coming from {@code source}, with its {@code <stanza-id/>}. */
  void drain(StanzaCollector collector, Source source) {
    Stanza s;
    while ((s = collector.pollResult()) != null) {
      Message m = (Message) s;
      StanzaIdElement id = StanzaIdElement.getStanzaId(m);
      assertNotNull(id, "no stanza id on " + m.toXML());
      assertEquals(FullStack.jid(user), id.getBy(), m.toXML().toString());
      bySource.get(source).add(new Chat(m.getBody(), id.getId()));
    }
    collector.cancel();
  }

  /** Reads the user's whole archive, page after page, with the result ids as the stanza ids. */
  void readArchive(XMPPTCPConnection c) throws Exception {
    MamManager.MamQuery q = MamManager.getInstanceFor(c)
        .queryArchive(MamManager.MamQueryArgs.builder().setResultPageSizeTo(250).build());
    addPage(q.getMamResultExtensions());
    while (!q.isComplete()) {
      q.pageNext(250);
      addPage(q.getMamResultExtensions());
    }
  }

  private void addPage(List<MamResultExtension> results) {
    for (MamResultExtension r : results) {
      bySource.get(Source.ARCHIVE).add(new Chat(r.getForwarded().getForwardedStanza().getBody(), r.getId()));
    }
  }

  List<Chat> from(Source source) {
    return List.copyOf(bySource.get(source));
  }

  /** The bodies the user has, from anywhere. */
  Set<String> bodies() {
    Set<String> all = new HashSet<>();
    bySource.values().forEach(chats -> chats.forEach(c -> all.add(c.body())));
    return all;
  }

  /**
   * Exactly once from the user's view: no source gives a chat twice, and wherever a chat comes from
   * it has one stanza id, so a client that merges the sources by id shows it once.
   */
  void assertEachOnce() {
    for (Map.Entry<Source, List<Chat>> e : bySource.entrySet()) {
      List<String> bodies = e.getValue().stream().map(Chat::body).toList();
      assertEquals(new HashSet<>(bodies).size(), bodies.size(),
          user + ": " + e.getKey() + " gave a chat twice: " + duplicates(bodies));
    }
    Map<String, Set<String>> ids = new HashMap<>();
    bySource.values().forEach(chats -> chats.forEach(
        c -> ids.computeIfAbsent(c.body(), k -> new TreeSet<>()).add(c.stanzaId())));
    ids.forEach((body, set) -> assertTrue(set.size() == 1, user + ": \"" + body + "\" came with ids " + set));
  }

  private static Set<String> duplicates(List<String> bodies) {
    Set<String> seen = new HashSet<>();
    Set<String> twice = new TreeSet<>();
    bodies.forEach(b -> {
      if (!seen.add(b)) {
        twice.add(b);
      }
    });
    return twice;
  }
}
