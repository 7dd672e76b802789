package dev.rosterd.common.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Who is online, on every node: the one registry of bound sessions, kept in Vert.x shared data
 * (the AsyncMap {@value #MAP}) so that it holds unchanged when the event bus is clustered.
 *
 * <p>Key: a user's bare JID. Value: {@code {"<resource>": SessionEntry, ...}}, as its encoded JSON
 * text. Text because shared data copies a JSON value deeply on every get, while a string is
 * immutable and passed as it is, and because the text takes about half of the tree's memory,
 * with one value per online user. Writes are compare-and-set loops on the user's value ({@code
 * replaceIfPresent}/{@code putIfAbsent} against the text read), so concurrent logins of one user on
 * several nodes never lose each other, without a lock.
 *
 * <p>Beside it, one index per node, the AsyncMap {@value #NODE_INDEX_PREFIX}{@code <node>}: session
 * address to {@code {"jid": bare JID, "resource": r}}, so that when a node leaves the cluster the
 * survivors find its sessions ({@link #sessionsOfNode}) without scanning every user; its values are
 * text too. A session is indexed before it enters the directory and leaves the index after it left
 * the directory, so the index never misses a session the directory routes to.
 *
 * <p>Readers: the c2s (routing stanzas to a bare or full JID, presence to contacts) and the roster
 * cache (is a user online, where to push). Writers: the c2s only.
 */
public final class SessionDirectory {
  /** The name of the shared-data map. */
  public static final String MAP = "rosterd.sessions";

  /** The name of a node's index is this plus the node id. */
  public static final String NODE_INDEX_PREFIX = "rosterd.sessions.node.";

  /**
   * A session as the index of its node holds it.
   *
   * @param bareJid the user
   * @param resource the bound resource
   * @param address the session's address (see {@link SessionAddressing})
   */
  public record NodeSession(String bareJid, String resource, String address) {}

  /**
   * How many users' parsed values each directory keeps ({@link RecentSessions}): the users this
   * node routes to at the moment, whose values are read for every stanza and presence.
   */
  static final int RECENT_USERS = 1_024;

  private final Vertx vertx;
  private final RecentSessions recent = new RecentSessions(RECENT_USERS);
  private Future<AsyncMap<String, String>> map;
  private final Map<String, Future<AsyncMap<String, String>>> nodeIndexes = new ConcurrentHashMap<>();

  public SessionDirectory(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The bound resources of a user, by resource; empty when the user is offline. */
  public Future<Map<String, SessionEntry>> sessions(String bareJid) {
    return map().compose(m -> m.get(bareJid)).map(text -> recent.parsed(bareJid, text));
  }

  /**
   * Records a bound session under its resource.
   *
   * @return the entry it displaced under the same resource, which the caller must tell that it was
   *     replaced
   */
  public Future<Optional<SessionEntry>> put(String bareJid, String resource, SessionEntry entry) {
    JsonObject indexed = new JsonObject().put("jid", bareJid).put("resource", resource);
    return nodeIndex(entry.address())
        .compose(index -> index.put(entry.address(), indexed.encode()))
        .compose(v -> modify(bareJid, old -> old.copy().put(resource, entry.toJson())))
        .map(old -> Optional.ofNullable(old.getJsonObject(resource)).map(SessionEntry::fromJson));
  }

  /**
   * Changes the entry of a resource with {@code change} if it still belongs to the session at
   * {@code address}, atomically with respect to every other change of the user's sessions.
   */
  public Future<Void> update(String bareJid, String resource, String address, UnaryOperator<SessionEntry> change) {
    return modify(
            bareJid,
            old -> ownedBy(old, resource, address)
                ? old.copy().put(resource, change.apply(SessionEntry.fromJson(old.getJsonObject(resource))).toJson())
                : old)
        .mapEmpty();
  }

  /**
   * Removes a resource if it still belongs to the session at {@code address} (a session replaced
   * by a newer one must not remove its successor), and the session from its node's index.
   *
   * @return how many sessions the user has left
   */
  public Future<Integer> remove(String bareJid, String resource, String address) {
    return modify(
            bareJid,
            old -> {
              if (!ownedBy(old, resource, address)) {
                return old;
              }
              JsonObject next = old.copy();
              next.remove(resource);
              return next;
            })
        .compose(v -> nodeIndex(address).compose(index -> index.remove(address)))
        .compose(v -> sessions(bareJid))
        .map(Map::size);
  }

  /** The sessions recorded as held by {@code node}, from its index. */
  public Future<List<NodeSession>> sessionsOfNode(String node) {
    return vertx.sharedData()
        .<String, String>getAsyncMap(NODE_INDEX_PREFIX + node)
        .compose(AsyncMap::entries)
        .map(entries -> entries.entrySet().stream()
            .map(e -> {
              JsonObject indexed = new JsonObject(e.getValue());
              return new NodeSession(indexed.getString("jid"), indexed.getString("resource"), e.getKey());
            })
            .toList());
  }

  /** Empties the index of a node that left and whose sessions were all removed. */
  public Future<Void> forgetNode(String node) {
    return vertx.sharedData().<String, String>getAsyncMap(NODE_INDEX_PREFIX + node).compose(AsyncMap::clear);
  }

  private Future<AsyncMap<String, String>> nodeIndex(String sessionAddress) {
    String node;
    try {
      node = SessionAddressing.nodeOf(sessionAddress);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    // Opened once per node and kept, like the directory map itself.
    return nodeIndexes.compute(node, (n, open) -> open == null || open.failed()
        ? vertx.sharedData().<String, String>getAsyncMap(NODE_INDEX_PREFIX + n)
        : open);
  }

  private static boolean ownedBy(JsonObject sessions, String resource, String address) {
    JsonObject e = sessions.getJsonObject(resource);
    return e != null && address.equals(e.getString("address"));
  }

  /** Applies {@code change} atomically to a user's value; returns the value it replaced. */
  private Future<JsonObject> modify(String bareJid, UnaryOperator<JsonObject> change) {
    return map().compose(m -> attempt(m, bareJid, change));
  }

  private Future<JsonObject> attempt(
      AsyncMap<String, String> m, String key, UnaryOperator<JsonObject> change) {
    return m.get(key)
        .compose(
            current -> {
              JsonObject old = parse(current);
              JsonObject next = change.apply(old);
              if (next == old) {
                return Future.succeededFuture(old);
              }
              Future<Boolean> written;
              if (current == null) {
                written = m.putIfAbsent(key, next.encode()).map(prev -> prev == null);
              } else if (next.isEmpty()) {
                written = m.removeIfPresent(key, current);
              } else {
                written = m.replaceIfPresent(key, current, next.encode());
              }
              return written.compose(ok -> ok ? Future.succeededFuture(old) : attempt(m, key, change));
            });
  }

  private synchronized Future<AsyncMap<String, String>> map() {
    if (map == null || map.failed()) {
      map = vertx.sharedData().getAsyncMap(MAP);
    }
    return map;
  }

  /** A user's value as stored, parsed; an empty object for a user with none. */
  private static JsonObject parse(String text) {
    return text == null ? new JsonObject() : new JsonObject(text);
  }

  /** A user's sessions from the value stored for them (null for none), by resource, unmodifiable. */
  static Map<String, SessionEntry> entries(String text) {
    JsonObject value = parse(text);
    Map<String, SessionEntry> out = new LinkedHashMap<>();
    for (String resource : value.fieldNames()) {
      out.put(resource, SessionEntry.fromJson(value.getJsonObject(resource)));
    }
    return Collections.unmodifiableMap(out);
  }
}
