package dev.rosterd.c2s.sm;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The stanzas sent to a client on a managed stream that it has not acknowledged yet, in the order
 * sent, with XEP-0198's count of them (§4: counted modulo 2^32, so that {@code h} wraps rather than
 * overflows). Not thread-safe: the session's context only.
 */
public final class UnackedStanzas {
  private static final long WRAP = 1L << 32;

  private final ArrayDeque<String> waiting = new ArrayDeque<>();
  private final int max;
  /** The {@code h} the client last acknowledged. */
  private long acknowledged;

  /** @param max how many may wait; see {@link StreamManagementOptions#maxUnacked()} */
  public UnackedStanzas(int max) {
    this.max = max;
  }

  /**
   * Keeps a stanza just sent.
   *
   * @return false when more than {@code max} now wait: the client is not acknowledging
   */
  public boolean sent(String xml) {
    waiting.add(xml);
    return waiting.size() <= max;
  }

  /**
   * The client has handled {@code h} stanzas in all (an {@code <a/>}, or the {@code h} of a
   * {@code <resume/>}); those are forgotten.
   *
   * @return false when {@code h} counts stanzas that were never sent (or goes backwards): nothing is
   *     forgotten, and the stream should end (XEP-0198 §4, {@code <handled-count-too-high/>})
   */
  public boolean acknowledged(long h) {
    long newly = Math.floorMod(h - acknowledged, WRAP);
    if (h < 0 || h >= WRAP || newly > waiting.size()) {
      return false;
    }
    for (long i = 0; i < newly; i++) {
      waiting.poll();
    }
    acknowledged = h;
    return true;
  }

  /** How many stanzas were sent in all, modulo 2^32: what the client's {@code h} may reach. */
  public long sentCount() {
    return (acknowledged + waiting.size()) % WRAP;
  }

  /** What waits, oldest first. */
  public List<String> waiting() {
    return List.copyOf(waiting);
  }

  public boolean isEmpty() {
    return waiting.isEmpty();
  }
}
