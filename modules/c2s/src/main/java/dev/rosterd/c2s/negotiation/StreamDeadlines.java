package dev.rosterd.c2s.negotiation;

import dev.rosterd.c2s.stream.StreamError;
import io.vertx.core.Vertx;
import java.util.function.BiConsumer;

/**
 * The two clocks of a stream: authentication must succeed within {@code authTimeoutSeconds} of the
 * connection, and a stream that sends nothing for {@code idleTimeoutSeconds} ends; both end it with
 * {@code <connection-timeout/>} (RFC 6120 §4.9.3.5).
 */
final class StreamDeadlines {
  private final Vertx vertx;
  private final long idleLimitMs;
  private final BiConsumer<String, String> expire;
  private long lastRead = System.nanoTime();
  private long idleTimer = -1;
  private long authTimer = -1;

  /** @param expire ends the stream with a stream error condition and text */
  StreamDeadlines(Vertx vertx, int authTimeoutSeconds, int idleTimeoutSeconds, BiConsumer<String, String> expire) {
    this.vertx = vertx;
    this.idleLimitMs = idleTimeoutSeconds * 1000L;
    this.expire = expire;
    authTimer = vertx.setTimer(authTimeoutSeconds * 1000L,
        t -> expire.accept(StreamError.CONNECTION_TIMEOUT, "not authenticated in time"));
    armIdleTimer(idleLimitMs);
  }

  /** The client sent something. */
  void read() {
    lastRead = System.nanoTime();
  }

  void authenticated() {
    vertx.cancelTimer(authTimer);
  }

  void cancel() {
    vertx.cancelTimer(authTimer);
    vertx.cancelTimer(idleTimer);
  }

  /** One timer per stream, re-armed for what is left rather than reset on every read. */
  private void armIdleTimer(long delayMillis) {
    idleTimer = vertx.setTimer(Math.max(1, delayMillis), t -> {
      long idleMillis = (System.nanoTime() - lastRead) / 1_000_000;
      if (idleMillis >= idleLimitMs) {
        expire.accept(StreamError.CONNECTION_TIMEOUT, "idle for too long");
      } else {
        armIdleTimer(idleLimitMs - idleMillis);
      }
    });
  }
}
