package dev.rosterd.testing;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.common.session.SessionEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A bound session for tests of the pieces behind the c2s (cache, admin router): recorded in the
 * real {@link SessionDirectory} as available, and reached through a real event-bus consumer on
 * the inbox its address names (see {@link SessionAddressing}), which collects every message sent
 * to it — roster pushes, stanzas, probes — as the c2s would receive them.
 */
public final class StandInSession {
  private StandInSession() {}

  /** Puts {@code bareJid/resource} online; completes with the queue of what arrives for it. */
  public static Future<BlockingQueue<JsonObject>> online(Vertx vertx, String bareJid, String resource) {
    String address = address(bareJid, resource);
    BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    return vertx.eventBus().<JsonObject>consumer(
            SessionAddressing.inboxOf(address), m -> received.add(m.body()))
        .completion()
        .compose(v -> new SessionDirectory(vertx).put(bareJid, resource, new SessionEntry(address, 0, true)))
        .map(v -> received);
  }

  /** Takes {@code bareJid/resource} out of the directory again. */
  public static Future<Void> offline(Vertx vertx, String bareJid, String resource) {
    return new SessionDirectory(vertx).remove(bareJid, resource, address(bareJid, resource)).mapEmpty();
  }

  /** The session's address, in an inbox of its own. */
  public static String address(String bareJid, String resource) {
    return Addresses.SESSION_PREFIX + "test-node.inbox-" + bareJid.replace('.', '_') + "-" + resource + ".session";
  }
}
