package dev.rosterd.auth;

/**
 * What one username or address has spent of its failure budget: {@code failures} counted so far
 * and {@code until}, the end of the window they count in or, once {@code failures} reach the
 * limit, the end of the refusal. Kept in shared data as {@code "failures:until"}.
 */
record Spend(int failures, long until) {
  static final Spend NONE = new Spend(0, 0);

  static Spend parse(String s) {
    int colon = s.indexOf(':');
    return new Spend(Integer.parseInt(s.substring(0, colon)), Long.parseLong(s.substring(colon + 1)));
  }

  String encode() {
    return failures + ":" + until;
  }

  /** Whether logins are refused at {@code now}. */
  boolean refused(int limit, long now) {
    return failures >= limit && now < until;
  }

  /**
   * After one more failure at {@code now}: a new window when the last one ran out under the
   * limit; at the limit, refused for a window; past it (failing again as soon as a refusal ended),
   * refused twice as long each time, up to {@code maxBackoffMs}. A failure that arrives while
   * refused (a check that was under way) changes nothing.
   */
  Spend after(long now, int limit, long windowMs, long maxBackoffMs) {
    if (refused(limit, now)) {
      return this;
    }
    boolean fresh = now >= until && failures < limit;
    int f = fresh ? 1 : failures + 1;
    if (f >= limit) {
      long backoff = windowMs << Math.min(f - limit, 20);
      return new Spend(f, now + Math.min(backoff, maxBackoffMs));
    }
    return new Spend(f, fresh ? now + windowMs : until);
  }
}
