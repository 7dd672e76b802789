package dev.rosterd.testing.load;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * Durations recorded from many event loops at once, summarised as percentiles in milliseconds.
 * Keeps every sample (a run records at most some hundred thousand), so the percentiles are exact.
 */
final class Latencies {
  private long[] nanos = new long[1024];
  private int size;

  synchronized void add(long durationNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = durationNanos;
  }

  synchronized int count() {
    return size;
  }

  /**
   * {@code {"<prefix>p50_ms", "<prefix>p99_ms", "<prefix>max_ms"}} by the nearest-rank method; all
   * 0 without samples.
   */
  synchronized JsonObject summary(String prefix) {
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    return new JsonObject()
        .put(prefix + "p50_ms", millis(rank(sorted, 0.50)))
        .put(prefix + "p99_ms", millis(rank(sorted, 0.99)))
        .put(prefix + "max_ms", millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
  }

  private static long rank(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
