package dev.rosterd.common.http;

import org.slf4j.Logger;

/**
 * A warning logged at most once per interval, so that a flood of the same event (connections past
 * a cap) makes one line per interval, with the count of those left out, instead of one per event.
 * Not thread-safe: one per verticle instance, used on its event loop.
 */
final class ThrottledWarning {
  private final Logger log;
  private final long intervalNanos;
  private long lastNanos;
  private boolean logged;
  private long suppressed;

  ThrottledWarning(Logger log, long intervalMs) {
    this.log = log;
    this.intervalNanos = intervalMs * 1_000_000;
  }

  void warn(String message) {
    long now = System.nanoTime();
    if (logged && now - lastNanos < intervalNanos) {
      suppressed++;
      return;
    }
    if (suppressed > 0) {
      log.warn("{} ({} more since the last such warning)", message, suppressed);
    } else {
      log.warn(message);
    }
    logged = true;
    lastNanos = now;
    suppressed = 0;
  }
}
