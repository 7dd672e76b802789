package dev.rosterd.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.OfflineMessages;
import dev.rosterd.testing.TestStores;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A message is acknowledged only after its write committed: a process writing messages is killed
 * with SIGKILL in the middle of a burst, and every message it had acknowledged is in the store when a
 * fresh archive verticle opens it again.
 */
@ExtendWith({VertxExtension.class, TestStores.Extension.class})
class KillSafetyTest {
  private static final int ACKS_BEFORE_KILL = 150;

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void everyAcknowledgedMessageSurvivesAKill(TestStores.Kind kind, TestStores stores, Vertx vertx) throws Exception {
    JsonObject config = ArchiveBus.config(stores.fresh(kind));
    Set<String> acked = new HashSet<>();
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ArchiveWriter.class.getName(), config.encode())
        .redirectError(Path.of("target", "archive-writer-" + UUID.randomUUID() + ".log").toFile())
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream()));
      String line;
      while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
        if (line.startsWith("acked ")) {
          acked.add(line.substring(6));
        }
      }
    } finally {
      // SIGKILL, with writes in flight: no shutdown hook runs, the database is not closed.
      writer.destroyForcibly();
      writer.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(137, writer.exitValue(), "killed by SIGKILL");
    assertEquals(ACKS_BEFORE_KILL, acked.size(), "the writer acknowledged messages before it was killed");

    ArchiveBus bus = new ArchiveBus(vertx);
    bus.deploy(config, new TestClock(java.time.Instant.now()));
    List<String> stored = new ArrayList<>();
    OfflineMessages page;
    do {
      page = bus.take(ArchiveBus.BOB, 500);
      List<String> ids = page.messages().stream().map(OfflineMessages.Item::stanzaId).toList();
      stored.addAll(ids);
      bus.remove(ArchiveBus.BOB, ids);
    } while (page.more());
    Set<String> missing = new HashSet<>(acked);
    missing.removeAll(stored);
    assertEquals(0, missing.size(), missing.size() + " of " + acked.size() + " acknowledged messages lost");
    assertEquals(stored.size(), new HashSet<>(stored).size(), "each stored once");
  }
}
