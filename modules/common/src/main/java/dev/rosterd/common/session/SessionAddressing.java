package dev.rosterd.common.session;

import dev.rosterd.common.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.util.UUID;

/**
 * How a bound session is reached over the event bus, in one place for everyone who writes to
 * sessions (c2s routing and presence, the roster cache's pushes).
 *
 * <p>A session is not an event-bus consumer of its own: on a clustered event bus every consumer is
 * a cluster-wide registration, and one per login would make cluster membership work the cost of
 * every login. Instead each c2s verticle instance consumes one inbox, {@code
 * rosterd.c2s.<node>.<instance>}, and a session's address {@code
 * rosterd.session.<node>.<instance>.<id>} says which inbox holds it. {@link #send} and {@link
 * #request} deliver to that inbox with the session's address in the header {@value
 * #SESSION_HEADER}; the instance hands the message to the session. A login therefore costs a
 * directory write and no registration, and a stanza costs the directory read and one event-bus
 * hop, to the node that holds the session. The c2s makes the addresses (its {@code
 * InboxAddresses}); everyone else only reads them from the directory.
 *
 * <p>The node part is the Vert.x cluster node id (a random id on a Vert.x that is not clustered),
 * so that when a node leaves the cluster the survivors know which sessions were its own.
 */
public final class SessionAddressing {
  /** The header naming the session, on messages to a c2s inbox. */
  public static final String SESSION_HEADER = "rosterd-session";

  /** Node-local map holding the node id of a Vert.x that is not clustered. */
  private static final String LOCAL_NODE_MAP = "rosterd.node";

  private SessionAddressing() {}

  /**
   * The id of this node: the cluster manager's node id, or, on a Vert.x that is not clustered, a
   * random id kept for the life of that Vert.x.
   */
  public static String nodeId(Vertx vertx) {
    // The cluster manager is reachable only through Vert.x's internal interface; its node id is
    // what Hazelcast's membership events name, so nothing else would do.
    if (vertx instanceof VertxInternal internal && internal.clusterManager() != null) {
      return internal.clusterManager().getNodeId();
    }
    LocalMap<String, String> node = vertx.sharedData().getLocalMap(LOCAL_NODE_MAP);
    String fresh = UUID.randomUUID().toString();
    String existing = node.putIfAbsent("id", fresh);
    return existing == null ? fresh : existing;
  }

  /** The inbox of the c2s instance that holds the session at {@code sessionAddress}. */
  public static String inboxOf(String sessionAddress) {
    String rest = rest(sessionAddress);
    int last = rest.lastIndexOf('.');
    if (last <= 0) {
      throw new IllegalArgumentException("not a session address: " + sessionAddress);
    }
    return Addresses.C2S_INBOX_PREFIX + rest.substring(0, last);
  }

  /** The node that holds the session at {@code sessionAddress}. */
  public static String nodeOf(String sessionAddress) {
    String rest = rest(sessionAddress);
    int first = rest.indexOf('.');
    if (first <= 0) {
      throw new IllegalArgumentException("not a session address: " + sessionAddress);
    }
    return rest.substring(0, first);
  }

  /** Sends {@code message} to the session at {@code sessionAddress}; dropped if it is gone. */
  public static void send(Vertx vertx, String sessionAddress, JsonObject message) {
    vertx.eventBus().send(inboxOf(sessionAddress), message, headed(sessionAddress, new DeliveryOptions()));
  }

  /**
   * Sends {@code message} to the session at {@code sessionAddress} and waits for its answer; fails
   * when the session is gone (no inbox, or the inbox no longer holds it) or does not answer in time.
   */
  public static Future<Message<JsonObject>> request(
      Vertx vertx, String sessionAddress, JsonObject message, DeliveryOptions options) {
    return vertx.eventBus().request(inboxOf(sessionAddress), message, headed(sessionAddress, new DeliveryOptions(options)));
  }

  private static DeliveryOptions headed(String sessionAddress, DeliveryOptions options) {
    return options.addHeader(SESSION_HEADER, sessionAddress);
  }

  private static String rest(String sessionAddress) {
    if (sessionAddress == null || !sessionAddress.startsWith(Addresses.SESSION_PREFIX)) {
      throw new IllegalArgumentException("not a session address: " + sessionAddress);
    }
    return sessionAddress.substring(Addresses.SESSION_PREFIX.length());
  }
}
