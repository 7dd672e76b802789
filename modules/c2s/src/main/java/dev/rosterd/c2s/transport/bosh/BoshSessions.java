package dev.rosterd.c2s.transport.bosh;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BOSH sessions of this Vert.x instance by {@code sid}. Shared by every c2s verticle instance
 * (through a local map), since a session's later requests may reach any of them: each HTTP
 * connection belongs to one instance, and a browser opens several.
 */
public final class BoshSessions implements Shareable {
  private static final String MAP = "rosterd.c2s.bosh";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, BoshSession> bySid = new ConcurrentHashMap<>();

  private BoshSessions() {}

  /** The sessions of {@code vertx}'s c2s. */
  public static BoshSessions of(Vertx vertx) {
    return vertx.sharedData().<String, BoshSessions>getLocalMap(MAP).computeIfAbsent(MAP, k -> new BoshSessions());
  }

  /** The session of {@code sid}, or null (unknown, or over). */
  public BoshSession get(String sid) {
    return sid == null ? null : bySid.get(sid);
  }

  /** How many sessions are open or have a last answer to give. */
  public int size() {
    return bySid.size();
  }

  /** A new sid: unguessable (XEP-0124 §7.2), so that nobody else's requests can join a session. */
  String newSid() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  void add(String sid, BoshSession session) {
    bySid.put(sid, session);
  }

  void remove(String sid, BoshSession session) {
    bySid.remove(sid, session);
  }
}
