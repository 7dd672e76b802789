package dev.rosterd.c2s.session;

import static dev.rosterd.c2s.session.RosterStandIn.item;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.MessageStored;
import dev.rosterd.common.bus.OfflineMessages;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The race of issue 11: a chat to bob is being stored offline while bob's initial presence is
 * processed, and his offline delivery reads the queue before the chat is committed. The chat must
 * still reach him now, not at his next login. A stand-in archive holds the store's commit until
 * bob's queue has been read (empty), then commits.
 */
@ExtendWith(VertxExtension.class)
class OfflineRaceTest {
  @Test
  void aChatCommittedJustAfterTheQueueWasReadStillArrives(Vertx vertx) throws Exception {
    SessionHarness harness = SessionHarness.start(vertx);
    harness.cache().roster("alice", "a1", item("bob@rosterd.test", "Bob"));
    harness.cache().roster("bob", "b1", item("alice@rosterd.test", "Alice"));
    List<OfflineMessages.Item> queue = new CopyOnWriteArrayList<>();
    Promise<Message<JsonObject>> storing = Promise.promise();
    Promise<Void> firstTake = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.ARCHIVE_STORE, storing::tryComplete);
    vertx.eventBus().<JsonObject>consumer(Addresses.ARCHIVE_OFFLINE_TAKE, take -> {
      take.reply(new OfflineMessages(List.copyOf(queue), false).toJson());
      firstTake.tryComplete();
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.ARCHIVE_OFFLINE_REMOVE, remove -> {
      queue.clear();
      remove.reply(new JsonObject());
    });
    // The store is held: it commits once bob's offline delivery has read the (still empty) queue.
    storing.future().compose(store -> firstTake.future().map(v -> store)).onSuccess(store -> {
      MessageStore m = MessageStore.fromJson(store.body());
      queue.add(new OfflineMessages.Item("id-1", m.from(), m.stanzaXml(), Instant.now()));
      store.reply(new MessageStored("id-1", Instant.now(), true, List.of()).toJson());
    });

    TestClient alice = TestClient.bind(vertx, harness.sessions(), "alice", "a");
    TestClient bob = TestClient.bind(vertx, harness.sessions(), "bob", "b");
    alice.send("<message type='chat' to='bob@rosterd.test'><body>just in time</body></message>");
    storing.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    bob.send("<presence/>");
    String arrived = bob.nextWith("just in time");
    assertTrue(arrived.contains("<delay xmlns='urn:xmpp:delay'"), arrived);
  }
}
