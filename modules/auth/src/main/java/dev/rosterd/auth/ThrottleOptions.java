package dev.rosterd.auth;

import dev.rosterd.common.config.ConfigReader;

/**
 * The {@code auth.throttle} section: budgets of failed logins across all connections and nodes,
 * one per username and one per client address (an IPv6 address counts by its /64). Example, with
 * the defaults: {@code "throttle": {"userFailures": 10, "peerFailures": 50, "windowSeconds": 300,
 * "maxBackoffSeconds": 3600, "maxEntries": 100000}}.
 */
final class ThrottleOptions {
  /** Default of {@code userFailures}. */
  static final int DEFAULT_USER_FAILURES = 10;
  /** Default of {@code peerFailures}: higher, as many users may share an address (NAT). */
  static final int DEFAULT_PEER_FAILURES = 50;
  /** Default of {@code windowSeconds}: five minutes. */
  static final int DEFAULT_WINDOW_SECONDS = 300;
  /** Default of {@code maxBackoffSeconds}: an hour. */
  static final int DEFAULT_MAX_BACKOFF_SECONDS = 3600;
  /** Default of {@code maxEntries}: a few tens of MB of shared data at most. */
  static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final int userFailures;
  private final int peerFailures;
  private final int windowSeconds;
  private final int maxBackoffSeconds;
  private final int maxEntries;

  ThrottleOptions(ConfigReader r) {
    userFailures = r.integer("userFailures", DEFAULT_USER_FAILURES, 0, 1_000_000);
    peerFailures = r.integer("peerFailures", DEFAULT_PEER_FAILURES, 0, 1_000_000);
    windowSeconds = r.integer("windowSeconds", DEFAULT_WINDOW_SECONDS, 1, 86_400);
    maxBackoffSeconds = r.integer("maxBackoffSeconds", Math.max(DEFAULT_MAX_BACKOFF_SECONDS, windowSeconds), 1, 604_800);
    maxEntries = r.integer("maxEntries", DEFAULT_MAX_ENTRIES, 100, 10_000_000);
    r.rejectUnknownKeys();
    if (maxBackoffSeconds < windowSeconds) {
      throw r.invalid("maxBackoffSeconds", "expected at least windowSeconds (" + windowSeconds + ")");
    }
  }

  /**
   * {@code userFailures}: failed logins of one username, from anywhere, within {@code
   * windowSeconds} of the first, after which that username is refused; {@code 0} turns the
   * per-username budget off.
   */
  int userFailures() {
    return userFailures;
  }

  /** {@code peerFailures}: the same for one client address, whatever the usernames; {@code 0} turns it off. */
  int peerFailures() {
    return peerFailures;
  }

  /**
   * {@code windowSeconds}: the window failures are counted in, and how long a username or address
   * over budget is refused the first time; each further failure after a refusal ends doubles it.
   */
  int windowSeconds() {
    return windowSeconds;
  }

  /** {@code maxBackoffSeconds}: the longest refusal the doubling reaches (at least {@code windowSeconds}). */
  int maxBackoffSeconds() {
    return maxBackoffSeconds;
  }

  /**
   * {@code maxEntries}: how many usernames and addresses with recent failures are remembered, in
   * all; when full, new ones go uncounted (logged) until old ones expire, so spraying usernames
   * cannot grow memory without bound.
   */
  int maxEntries() {
    return maxEntries;
  }
}
