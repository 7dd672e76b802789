package dev.rosterd.c2s.session;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.session.SessionAddressing;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.UUID;

/**
 * The addresses the c2s gives out: one inbox per c2s verticle instance, {@code
 * rosterd.c2s.<node>.<instance>}, and in it one address per session, {@code
 * rosterd.session.<node>.<instance>.<id>}. Their shape is the contract of {@link SessionAddressing},
 * which everyone who writes to a session uses; making them and reading the session header of an
 * arriving message is the c2s's own business.
 */
public final class InboxAddresses {
  private InboxAddresses() {}

  /** A new inbox address for one c2s verticle instance of this node. */
  public static String newInbox(Vertx vertx) {
    return Addresses.C2S_INBOX_PREFIX + SessionAddressing.nodeId(vertx) + "." + UUID.randomUUID();
  }

  /** A new session address in {@code inbox}. */
  public static String newSession(String inbox) {
    return Addresses.SESSION_PREFIX + inbox.substring(Addresses.C2S_INBOX_PREFIX.length()) + "." + UUID.randomUUID();
  }

  /** The session a message that arrived at an inbox is for, or null. */
  static String sessionOf(Message<?> message) {
    return message.headers().get(SessionAddressing.SESSION_HEADER);
  }
}
