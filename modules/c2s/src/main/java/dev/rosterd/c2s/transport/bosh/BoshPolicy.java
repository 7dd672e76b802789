package dev.rosterd.c2s.transport.bosh;

/**
 * What the listener allows a BOSH session (XEP-0124), from {@code c2s.web}: a client asks for
 * {@code wait} and {@code hold} and gets no more than these.
 *
 * @param maxWaitSeconds the longest a request is held before it is answered empty ({@code boshMaxWaitSeconds})
 * @param maxHold the most requests held at once ({@code boshMaxHold})
 * @param inactivitySeconds how long a session may have no request held before it ends ({@code boshInactivitySeconds})
 * @param maxRequests the most requests a client may have open at once, the rid window ({@code boshMaxRequests})
 */
public record BoshPolicy(int maxWaitSeconds, int maxHold, int inactivitySeconds, int maxRequests) {
  /**
   * The {@code polling} announced: the shortest interval between two empty requests a client
   * should keep to when it holds none. Not enforced: an over-eager client only costs itself.
   */
  public static final int POLLING_SECONDS = 2;

  /** The {@code wait} a session gets: the client's, within 1 and {@link #maxWaitSeconds}; that maximum when absent. */
  int wait(Integer asked) {
    return asked == null ? maxWaitSeconds : Math.max(1, Math.min(asked, maxWaitSeconds));
  }

  /** The {@code hold} a session gets: the client's (0 means answer at once), at most {@link #maxHold}. */
  int hold(Integer asked) {
    return asked == null ? Math.min(1, maxHold) : Math.max(0, Math.min(asked, maxHold));
  }

  /** The {@code requests} window for a session holding {@code hold}: one more than it holds, at most {@link #maxRequests}. */
  int requests(int hold) {
    return Math.min(maxRequests, hold + 1);
  }
}
