package dev.rosterd.archive;

import static dev.rosterd.archive.ArchiveBus.ALICE;
import static dev.rosterd.archive.ArchiveBus.BOB;
import static dev.rosterd.archive.ArchiveBus.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchivePrefs;
import dev.rosterd.common.bus.ArchivePrefsGet;
import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.MessageStored;
import dev.rosterd.testing.TestStores;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** XEP-0313 preferences decide whose archive keeps a message; retention removes old messages. */
@ExtendWith({VertxExtension.class, TestStores.Extension.class})
class PreferencesAndRetentionTest {
  private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void preferencesDecideWhoseArchiveKeepsIt(TestStores.Kind kind, TestStores stores, Vertx vertx) throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    bus.deploy(ArchiveBus.config(stores.fresh(kind)).put("defaultPreference", "roster"), new TestClock(T0));
    assertEquals(new ArchivePrefs(BOB, "roster", List.of(), List.of()), prefs(bus, BOB), "the configured default");

    // roster: a message with a contact is kept, one with a stranger is not.
    assertEquals(List.of(ALICE, BOB), archived(bus, ALICE, BOB, true));
    assertEquals(List.of(), archived(bus, ALICE, BOB, false));

    ArchivePrefs set = new ArchivePrefs("Bob@Example.com", "always", List.of("carol@example.com/web"), List.of(ALICE));
    assertEquals(new ArchivePrefs(BOB, "always", List.of(CAROL), List.of(ALICE)), setPrefs(bus, set),
        "stored as bare, normalised JIDs");
    assertEquals(new ArchivePrefs(BOB, "always", List.of(CAROL), List.of(ALICE)), prefs(bus, BOB));
    assertEquals(List.of(ALICE), archived(bus, ALICE, BOB, true), "bob never archives alice");
    assertEquals(List.of(BOB), archived(bus, CAROL, BOB, false), "always carol, though not a contact");

    setPrefs(bus, new ArchivePrefs(BOB, "never", List.of(ALICE), List.of(ALICE)));
    assertEquals(List.of(ALICE), archived(bus, ALICE, BOB, true), "in both lists counts as never");

    assertEquals(BusFailure.BAD_REQUEST, bus.failure(Addresses.ARCHIVE_PREFS_SET,
        new ArchivePrefs(BOB, "sometimes", List.of(), List.of()).toJson()).failureCode());
    assertEquals("never", prefs(bus, BOB).defaultMode(), "a refused change leaves the preferences as they were");
  }

  @ParameterizedTest
  @EnumSource(TestStores.Kind.class)
  void retentionRemovesWhatIsOlderThanRetentionDays(TestStores.Kind kind, TestStores stores, Vertx vertx)
      throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    TestClock clock = new TestClock(T0);
    ArchiveVerticle archive = new ArchiveVerticle(clock);
    vertx.deployVerticle(archive, new io.vertx.core.DeploymentOptions()
        .setConfig(ArchiveBus.config(stores.fresh(kind)).put("retentionDays", 30))).await(60, TimeUnit.SECONDS);
    bus.send(ALICE, BOB, "old, read", false);
    bus.send(ALICE, BOB, "old, never delivered", true);
    clock.advance(Duration.ofDays(20));
    MessageStored recent = bus.send(ALICE, BOB, "recent", true);
    clock.advance(Duration.ofDays(11));

    Retention.Removed removed = archive.expireNow().await(30, TimeUnit.SECONDS);
    assertEquals(new Retention.Removed(4, 1), removed, "two old messages in two archives, one offline");
    assertEquals(List.of(recent.stanzaId()),
        bus.query(new ArchiveQuery(BOB, null, null, null, 0, null, null)).messages().stream()
            .map(m -> m.stanzaId()).toList());
    assertEquals(List.of(recent.stanzaId()),
        bus.take(BOB, 0).messages().stream().map(m -> m.stanzaId()).toList());
  }

  @Test
  void theRetentionJobRunsOnItsOwnAndZeroKeepsForEver(TestStores stores, Vertx vertx) throws Exception {
    ArchiveBus bus = new ArchiveBus(vertx);
    TestClock clock = new TestClock(T0);
    bus.deploy(ArchiveBus.config(stores.fresh(TestStores.Kind.EMBEDDED))
        .put("retentionDays", 1).put("retentionIntervalSeconds", 1), clock);
    bus.send(ALICE, BOB, "soon gone", false);
    clock.advance(Duration.ofDays(2));
    // Waits for the job's effect, checking each time the timer could have fired.
    Promise<Void> gone = Promise.promise();
    vertx.setPeriodic(200, t -> bus.request(Addresses.ARCHIVE_QUERY,
            new ArchiveQuery(BOB, null, null, null, 0, null, null).toJson())
        .onSuccess(j -> {
          if (j.getLong("count") == 0) {
            vertx.cancelTimer(t);
            gone.tryComplete();
          }
        }));
    gone.future().await(20, TimeUnit.SECONDS);

    ArchiveVerticle forever = new ArchiveVerticle(clock);
    vertx.deployVerticle(forever, new io.vertx.core.DeploymentOptions()
        .setConfig(ArchiveBus.config(stores.fresh(TestStores.Kind.EMBEDDED)).put("retentionDays", 0)))
        .await(60, TimeUnit.SECONDS);
    assertEquals(false, forever.retentionEnabled());
  }

  private static List<String> archived(ArchiveBus bus, String from, String to, boolean contacts) throws Exception {
    return bus.store(new MessageStore(to, from + "/x", ArchiveBus.chat(from, to, "hi"), false, List.of(from, to),
        contacts)).archivedFor();
  }

  private static ArchivePrefs prefs(ArchiveBus bus, String owner) throws Exception {
    return ArchiveBus.await(bus.request(Addresses.ARCHIVE_PREFS_GET, new ArchivePrefsGet(owner).toJson())
        .map(ArchivePrefs::fromJson));
  }

  private static ArchivePrefs setPrefs(ArchiveBus bus, ArchivePrefs p) throws Exception {
    return ArchiveBus.await(bus.request(Addresses.ARCHIVE_PREFS_SET, p.toJson()).map(ArchivePrefs::fromJson));
  }
}
