package dev.rosterd.archive;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchivePage;
import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.MessageStored;
import dev.rosterd.common.bus.OfflineMessages;
import dev.rosterd.common.bus.OfflineRemove;
import dev.rosterd.common.bus.OfflineTake;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The archive piece as the c2s reaches it: over the event bus of one Vert.x. */
final class ArchiveBus {
  static final String ALICE = "alice@example.com";
  static final String BOB = "bob@example.com";
  static final String CAROL = "carol@example.com";
  static final String DOMAIN = "example.com";

  private final Vertx vertx;

  ArchiveBus(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The deployment config of an archive verticle on the store that {@code section} reaches. */
  static JsonObject config(JsonObject section) {
    return section.put("domain", DOMAIN);
  }

  /** Deploys an archive verticle on {@code config} with {@code clock}; its deployment id. */
  String deploy(JsonObject config, Clock clock) throws Exception {
    return vertx.deployVerticle(new ArchiveVerticle(clock), new DeploymentOptions().setConfig(config))
        .await(60, TimeUnit.SECONDS);
  }

  /** A chat message with a body from {@code from} to {@code to}, as XML text. */
  static String chat(String from, String to, String body) {
    return "<message xmlns='jabber:client' type='chat' from='" + from + "' to='" + to + "'><body>" + body
        + "</body></message>";
  }

  /** {@code from} (a bare JID; resource "phone") writes {@code body} to {@code to}, archived for both. */
  MessageStored send(String from, String to, String body, boolean offline) throws Exception {
    return store(new MessageStore(to, from + "/phone", chat(from + "/phone", to, body), offline, List.of(from, to),
        true));
  }

  MessageStored store(MessageStore m) throws Exception {
    return await(request(Addresses.ARCHIVE_STORE, m.toJson()).map(MessageStored::fromJson));
  }

  OfflineMessages take(String user, int max) throws Exception {
    return await(request(Addresses.ARCHIVE_OFFLINE_TAKE, new OfflineTake(user, max).toJson())
        .map(OfflineMessages::fromJson));
  }

  int remove(String user, List<String> ids) throws Exception {
    return await(request(Addresses.ARCHIVE_OFFLINE_REMOVE, new OfflineRemove(user, ids).toJson())
        .map(j -> j.getInteger("removed")));
  }

  ArchivePage query(ArchiveQuery q) throws Exception {
    return await(request(Addresses.ARCHIVE_QUERY, q.toJson()).map(ArchivePage::fromJson));
  }

  /** The failure that {@code address} answers {@code body} with. */
  ReplyException failure(String address, JsonObject body) {
    return assertThrows(ReplyException.class, () -> await(request(address, body)));
  }

  Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).map(m -> m.body());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }
}
