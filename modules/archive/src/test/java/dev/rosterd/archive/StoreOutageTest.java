package dev.rosterd.archive;

import static dev.rosterd.archive.ArchiveBus.ALICE;
import static dev.rosterd.archive.ArchiveBus.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.MessageStored;
import dev.rosterd.common.bus.OfflineMessages;
import dev.rosterd.common.bus.OfflineTake;
import dev.rosterd.common.health.ArchiveStoreState;
import dev.rosterd.testing.TestStores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store going away and coming back: a clear failure naming it, then recovery without redeploy. */
@ExtendWith({VertxExtension.class, TestStores.Extension.class})
class StoreOutageTest {
  @Test
  void postgresqlStoppedAndStartedAgain(TestStores stores, Vertx vertx) throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    JsonObject config = ArchiveBus.config(stores.fresh(TestStores.Kind.POSTGRESQL));
    bus.deploy(config, new TestClock(Instant.parse("2026-04-01T00:00:00Z")));
    MessageStored before = bus.send(ALICE, BOB, "before the outage", true);
    String store = "postgresql 127.0.0.1:" + stores.postgres().port() + "/"
        + config.getJsonObject("postgresql").getString("database");
    assertTrue(ArchiveBus.await(ArchiveStoreState.read(vertx)).orElseThrow().up());

    stores.postgres().down();
    try {
      JsonObject m = new MessageStore(BOB, ALICE + "/phone", "<message/>", true, List.of(BOB), true).toJson();
      ReplyException e = bus.failure(Addresses.ARCHIVE_STORE, m);
      assertEquals(BusFailure.UNAVAILABLE, e.failureCode());
      assertTrue(e.getMessage().startsWith("archive store " + store + " failed: "), e.getMessage());
      assertEquals(BusFailure.UNAVAILABLE,
          bus.failure(Addresses.ARCHIVE_OFFLINE_TAKE, new OfflineTake(BOB, 0).toJson()).failureCode());
      ArchiveStoreState down = ArchiveBus.await(ArchiveStoreState.read(vertx)).orElseThrow();
      assertFalse(down.up());
      assertEquals(store, down.store());
      assertTrue(down.reason() != null && !down.reason().isEmpty());
    } finally {
      stores.postgres().up();
    }

    // The pool connects again on the next request: no redeploy.
    MessageStored after = bus.send(ALICE, BOB, "after the outage", true);
    assertTrue(ArchiveBus.await(ArchiveStoreState.read(vertx)).orElseThrow().up());
    assertEquals(List.of(before.stanzaId(), after.stanzaId()),
        bus.take(BOB, 0).messages().stream().map(OfflineMessages.Item::stanzaId).toList(),
        "what was stored before is there, what failed is not");
  }

  @Test
  void anUnwritableEmbeddedDirectoryFailsTheStartNamingTheKey(Vertx vertx) throws Exception {
    Path file = Files.createDirectories(Path.of("target", "archive-tests")).resolve("file-" + UUID.randomUUID());
    Files.writeString(file, "not a directory");
    JsonObject config = new JsonObject().put("domain", "example.com").put("directory", file.resolve("db").toString());
    Exception e = assertThrows(Exception.class, () -> vertx.deployVerticle(new ArchiveVerticle(),
        new DeploymentOptions().setConfig(config)).await(30, TimeUnit.SECONDS));
    assertTrue(e.getMessage().startsWith("archive.directory: cannot create the directory "), e.getMessage());
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
  }

  @Test
  void anUnreachablePostgresqlFailsTheStartNamingTheStore(TestStores stores, Vertx vertx) throws Exception {
    JsonObject config = ArchiveBus.config(stores.fresh(TestStores.Kind.POSTGRESQL));
    config.getJsonObject("postgresql").put("database", "no_such_database");
    Exception e = assertThrows(Exception.class, () -> vertx.deployVerticle(new ArchiveVerticle(),
        new DeploymentOptions().setConfig(config)).await(30, TimeUnit.SECONDS));
    assertTrue(e.getMessage().startsWith("archive store postgresql 127.0.0.1:" + stores.postgres().port()
        + "/no_such_database cannot be opened: "), e.getMessage());
  }
}
