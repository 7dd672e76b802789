package dev.rosterd.c2s.negotiation;

import java.util.function.LongSupplier;

/**
 * A token bucket for one stream's first-level elements: {@code burst} may arrive at once, then
 * {@code perSecond} are let through each second. The stream asks {@link #delayMillis} before
 * reading an element and {@link #take}s a token for each element it read.
 */
final class StanzaRate {
  private final LongSupplier clock;
  private final double perNano;
  private final double burst;
  private double tokens;
  private long refilled;

  StanzaRate(int perSecond, int burst) {
    this(perSecond, burst, System::nanoTime);
  }

  /** With {@code clock} in nanoseconds in place of {@link System#nanoTime}, for tests. */
  StanzaRate(int perSecond, int burst, LongSupplier clock) {
    this.clock = clock;
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.refilled = clock.getAsLong();
  }

  /** 0 when an element may be read now, else how long until one may. */
  long delayMillis() {
    refill();
    if (tokens >= 1) {
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
  }

  /** One element was read. */
  void take() {
    refill();
    tokens -= 1;
  }

  private void refill() {
    long now = clock.getAsLong();
    tokens = Math.min(burst, tokens + (now - refilled) * perNano);
    refilled = now;
  }
}
