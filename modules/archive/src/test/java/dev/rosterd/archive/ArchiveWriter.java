package dev.rosterd.archive;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.MessageStored;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: the process {@link KillSafetyTest} kills. Deploys the archive piece on the config
 * given as its argument and stores offline messages for bob, four at a time, without end, printing
 * {@code acked <stanzaId>} for each as soon as its reply arrives, the way a c2s would acknowledge
 * the message to its sender.
 */
public final class ArchiveWriter {
  private static final int CHAINS = 4;

  private ArchiveWriter() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new ArchiveVerticle(), new DeploymentOptions().setConfig(new JsonObject(args[0])))
        .await(60, TimeUnit.SECONDS);
    System.out.println("ready");
    System.out.flush();
    for (int c = 0; c < CHAINS; c++) {
      next(vertx, c, 0);
    }
  }

  private static void next(Vertx vertx, int chain, int n) {
    String body = "chain " + chain + " message " + n;
    MessageStore m = new MessageStore(ArchiveBus.BOB, ArchiveBus.ALICE + "/phone",
        ArchiveBus.chat(ArchiveBus.ALICE, ArchiveBus.BOB, body), true, List.of(ArchiveBus.ALICE, ArchiveBus.BOB),
        true);
    vertx.eventBus().<JsonObject>request(Addresses.ARCHIVE_STORE, m.toJson()).onComplete(ar -> {
      if (ar.succeeded()) {
        System.out.println("acked " + MessageStored.fromJson(ar.result().body()).stanzaId());
        System.out.flush();
      }
      next(vertx, chain, n + 1);
    });
  }
}
