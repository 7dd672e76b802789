package dev.rosterd.c2s.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stanza rate: a burst at once, then the rate, never more than the burst saved up. */
class StanzaRateTest {
  private final AtomicLong now = new AtomicLong();
  private final StanzaRate rate = new StanzaRate(2, 3, now::get);

  private void takeAll(int n) {
    for (int i = 0; i < n; i++) {
      assertEquals(0, rate.delayMillis(), "element " + i);
      rate.take();
    }
  }

  @Test
  void aBurstThenTheRate() {
    takeAll(3);
    long wait = rate.delayMillis();
    assertTrue(wait > 0 && wait <= 500, "waits for the next token, got " + wait);
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    takeAll(1);
    assertTrue(rate.delayMillis() > 0);
  }

  @Test
  void idleTimeSavesUpNoMoreThanTheBurst() {
    takeAll(3);
    now.addAndGet(TimeUnit.HOURS.toNanos(1));
    takeAll(3);
    assertTrue(rate.delayMillis() > 0);
  }
}
