package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.session.SessionAddressing;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions one c2s verticle instance holds, reached through the instance's one inbox on the
 * event bus (see {@link SessionAddressing}): binding a session adds it to a map here instead of
 * registering an event-bus consumer, which on a clustered bus would be cluster-wide work per login.
 */
final class LocalSessions {
  private static final Logger log = LoggerFactory.getLogger(LocalSessions.class);

  /** A held address: who takes its messages, and the context they must run on. */
  private record Held(Inbox inbox, Context context) {}

  private final String inbox;
  private final MessageConsumer<JsonObject> consumer;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  /** Sessions no stream carries (waiting to be resumed, XEP-0198), each with how to end it. */
  private final Map<String, Supplier<Future<Void>>> waiting = new ConcurrentHashMap<>();

  LocalSessions(Vertx vertx) {
    this.inbox = InboxAddresses.newInbox(vertx);
    this.consumer = vertx.eventBus().consumer(inbox, this::deliver);
  }

  /** Completes once the inbox is registered (cluster-wide on a clustered event bus). */
  Future<Void> ready() {
    return consumer.completion();
  }

  /** A new address for a session of this instance. */
  String newAddress() {
    return InboxAddresses.newSession(inbox);
  }

  /** Messages to {@code address} go to {@code inbox}, on {@code context}. */
  void add(String address, Inbox inbox, Context context) {
    held.put(address, new Held(inbox, context));
  }

  void remove(String address) {
    held.remove(address);
    waiting.remove(address);
  }

  /** The session at {@code address} waits to be resumed; {@code end} ends it (on its context). */
  void waiting(String address, Supplier<Future<Void>> end) {
    waiting.put(address, end);
  }

  /** The session at {@code address} is carried by a stream again. */
  void carried(String address) {
    waiting.remove(address);
  }

  /** Ends the streams that relay a resumed session of {@code node}, which left the cluster. */
  void endRelaysFrom(String node) {
    held.forEach((address, h) -> {
      if (h.inbox() instanceof RelayInbox relay && relay.relaysFrom(node)) {
        held.remove(address);
        h.context().runOnContext(v -> relay.sessionGone());
      }
    });
  }

  /**
   * Ends every session that waits to be resumed, as the server stops: what their clients had not
   * acknowledged is redelivered or queued offline rather than lost with the process.
   */
  Future<Void> endWaiting() {
    List<Future<Void>> ended = new ArrayList<>();
    waiting.forEach((address, end) -> {
      Held h = held.get(address);
      if (h != null) {
        Promise<Void> done = Promise.promise();
        h.context().runOnContext(v -> end.get().onComplete(done));
        ended.add(done.future());
      }
    });
    return Future.join(ended).mapEmpty();
  }

  private void deliver(Message<JsonObject> message) {
    String address = InboxAddresses.sessionOf(message);
    Held session = address == null ? null : held.get(address);
    if (session == null) {
      // The session ended after the sender read the directory.
      if (message.replyAddress() != null) {
        message.fail(BusFailure.UNAVAILABLE, "no session at " + address);
      } else {
        log.debug("message for {}, which has ended, dropped", address);
      }
      return;
    }
    if (Vertx.currentContext() == session.context()) {
      session.inbox().receive(message);
    } else {
      session.context().runOnContext(v -> session.inbox().receive(message));
    }
  }
}
