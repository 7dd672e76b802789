package dev.rosterd.launcher;

import static dev.rosterd.launcher.FullStack.jid;
import static dev.rosterd.testing.FakeRosterBackend.contact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.launcher.ReceivedChats.Source;
import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.TestStores;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Never lost" (issue 11) for the whole server: the built jar with the archive piece, on each
 * store. Two senders with stream management on write a burst of chats to bob, who is online, and
 * to carol and zoë, who are not; rosterd is killed with SIGKILL in the middle of it. After a
 * restart on the same store, every chat the server had acknowledged is with its recipient (what
 * bob's client got before the kill, what offline delivery gives at initial presence, what the
 * archive returns), and each once from the user's view.
 */
@ExtendWith({VertxExtension.class, TestStores.Extension.class})
class NeverLostIT {
  private static final Pattern C2S_LISTENING =
      Pattern.compile("c2s for rosterd\\.test listening on 127\\.0\\.0\\.1:(\\d+) \\(STARTTLS\\)");
  private static final String ONLINE = "bob";
  private static final List<String> OFFLINE = List.of("carol", "zoë");
  /** Chats acknowledged, over both senders, when the kill comes. */
  private static final int ACKS_BEFORE_KILL = 400;
  /** The most chats one sender writes: far more than are acknowledged before the kill. */
  private static final int MAX_PER_SENDER = 5_000;
  private static final long WAIT = RosterdProcess.WAIT.toSeconds();

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void everyAcknowledgedChatIsThereOnceAfterAKill(TestStores.Kind kind, TestStores stores, Vertx vertx)
      throws Exception {
    FakeRosterBackend backend = rosters(FakeRosterBackend.start(vertx).await(WAIT, TimeUnit.SECONDS));
    JsonObject config = config(backend, stores.fresh(kind));
    Map<String, ReceivedChats> received = Map.of(
        ONLINE, new ReceivedChats(ONLINE), "carol", new ReceivedChats("carol"), "zoë", new ReceivedChats("zoë"));
    List<ChatBurst> bursts;
    try {
      try (RosterdProcess rosterd = RosterdProcess.start(dir, config)) {
        bursts = burstUntilKilled(rosterd, received.get(ONLINE));
      }
      try (RosterdProcess rosterd = RosterdProcess.start(dir, config)) {
        int port = rosterd.loggedPort(C2S_LISTENING);
        for (ReceivedChats chats : received.values()) {
          read(port, chats);
        }
        // Offline delivery removed what it delivered: carol's next initial presence brings nothing.
        assertEquals(List.of(), read(port, new ReceivedChats("carol")).from(Source.OFFLINE));
      }
    } finally {
      backend.close().await(WAIT, TimeUnit.SECONDS);
    }

    for (ChatBurst burst : bursts) {
      assertTrue(burst.sent() > burst.ackedCount(),
          "the kill came in the middle of the burst, with chats not yet acknowledged");
    }
    for (Map.Entry<String, ReceivedChats> e : received.entrySet()) {
      String user = e.getKey();
      ReceivedChats chats = e.getValue();
      Set<String> acked = new HashSet<>();
      bursts.forEach(b -> acked.addAll(b.acked(user)));
      assertTrue(acked.size() > 10, user + " was sent chats that were acknowledged: " + acked.size());
      assertNoneMissing(user + " (from anywhere)", acked, chats.bodies());
      if (OFFLINE.contains(user)) {
        // Committed to the offline queue with the archive rows, in one transaction.
        assertNoneMissing(user + " (offline delivery)", acked, bodies(chats.from(Source.OFFLINE)));
      }
      chats.assertEachOnce();
    }
  }

  /**
   * Logs alice and dave in as senders and bob as the online recipient, waits until the senders know
   * bob is available (so their chats go to him, not to his offline queue), starts both bursts and
   * kills rosterd with SIGKILL once {@link #ACKS_BEFORE_KILL} chats were acknowledged. What bob's
   * client got before the kill goes into {@code bob} as live.
   */
  private static List<ChatBurst> burstUntilKilled(RosterdProcess rosterd, ReceivedChats bob) throws Exception {
    int port = rosterd.loggedPort(C2S_LISTENING);
    CountDownLatch acks = new CountDownLatch(ACKS_BEFORE_KILL);
    List<ChatBurst> bursts = List.of(
        new ChatBurst(port, "alice", List.of(ONLINE, "carol", "zoë"), MAX_PER_SENDER, acks),
        new ChatBurst(port, "dave", List.of(ONLINE, "carol"), MAX_PER_SENDER, acks));
    List<StanzaCollector> bobOnline = bursts.stream().map(b -> b.connection().createStanzaCollector(new AndFilter(
        StanzaTypeFilter.PRESENCE, s -> s.getFrom().asBareJid().toString().equals(jid(ONLINE))))).toList();
    for (ChatBurst b : bursts) {
      b.connection().sendStanza(PresenceBuilder.buildPresence().build());
    }
    XMPPTCPConnection bobsClient = XmppClients.login(FullStack.DOMAIN, port, ONLINE, ONLINE + "-pw",
        "SCRAM-SHA-1", "laptop");
    StanzaCollector live = ReceivedChats.collector(bobsClient);
    bobsClient.sendStanza(PresenceBuilder.buildPresence().build());
    for (StanzaCollector c : bobOnline) {
      assertTrue(c.nextResult(WAIT * 1000) != null, "bob's presence did not reach a sender");
      c.cancel();
    }

    List<CompletableFuture<Void>> closed = List.of(closed(bursts.get(0).connection()),
        closed(bursts.get(1).connection()), closed(bobsClient));
    bursts.forEach(ChatBurst::start);
    assertTrue(acks.await(WAIT, TimeUnit.SECONDS), "the burst was not acknowledged:\n" + rosterd.stderr());
    rosterd.kill();
    assertEquals(137, rosterd.exitCode(), "rosterd ended by SIGKILL");
    CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(WAIT, TimeUnit.SECONDS);
    // Collectors are fed on the reader thread before it reports the connection's end.
    bob.drain(live, Source.LIVE);
    return bursts;
  }

  /**
   * {@code chats}' user logs in, collects what offline delivery gives at initial presence (a ping
   * sent after the presence is answered once that delivery was written) and reads the archive.
   */
  private static ReceivedChats read(int port, ReceivedChats chats) throws Exception {
    String user = chats.user();
    XMPPTCPConnection c = XmppClients.login(FullStack.DOMAIN, port, user, user + "-pw", "SCRAM-SHA-1", "after");
    try {
      StanzaCollector offline = ReceivedChats.collector(c);
      c.sendStanza(PresenceBuilder.buildPresence().build());
      assertTrue(PingManager.getInstanceFor(c).pingMyServer(), "no pong for " + user);
      chats.drain(offline, Source.OFFLINE);
      chats.readArchive(c);
      return chats;
    } finally {
      c.disconnect();
    }
  }

  private static CompletableFuture<Void> closed(XMPPTCPConnection c) {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    c.addConnectionListener(new ConnectionListener() {
      @Override
      public void connectionClosed() {
        closed.complete(null);
      }

      @Override
      public void connectionClosedOnError(Exception e) {
        closed.complete(null);
      }
    });
    return closed;
  }

  /** Everyone's contacts, both ways: alice and dave write to bob and carol, alice to zoë too. */
  private static FakeRosterBackend rosters(FakeRosterBackend backend) {
    backend.roster("alice", contacts("bob", "carol", "zoë"));
    backend.roster("dave", contacts("bob", "carol"));
    backend.roster("bob", contacts("alice", "dave"));
    backend.roster("carol", contacts("alice", "dave"));
    backend.roster("zoë", contacts("alice"));
    return backend;
  }

  private static JsonObject contacts(String... users) {
    JsonObject roster = new JsonObject();
    for (String u : users) {
      roster.put(jid(u), contact(u));
    }
    return roster;
  }

  /**
   * The full config with the archive piece on {@code store}; the burst is not held back by the
   * c2s's per-stream rate limit, and the offline queues hold the whole of it.
   */
  private static JsonObject config(FakeRosterBackend backend, JsonObject store) {
    JsonObject config = FullStack.config(backend).put("archive", store.put("offlineCapPerUser", 100_000));
    config.getJsonObject("c2s").put("stanzasPerSecond", 100_000).put("stanzaBurst", 100_000);
    return config;
  }

  private static Set<String> bodies(List<ReceivedChats.Chat> chats) {
    Set<String> bodies = new HashSet<>();
    chats.forEach(c -> bodies.add(c.body()));
    return bodies;
  }

  private static void assertNoneMissing(String where, Set<String> acked, Set<String> there) {
    Set<String> missing = new TreeSet<>(acked);
    missing.removeAll(there);
    assertTrue(missing.isEmpty(), missing.size() + " of " + acked.size() + " acknowledged chats to " + where
        + " are lost: " + missing);
  }
}
