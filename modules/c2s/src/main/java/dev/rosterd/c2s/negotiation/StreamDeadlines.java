package dev.rosterd.c2s.negotiation;

import dev.rosterd.c2s.stream.StreamError;
import io.vertx.core.Vertx;
import java.util.function.BiConsumer;

/**
 * The two clocks of a stream: authentication must succeed within {@code authTimeoutSeconds} of the
 * connection, and a stream that sends nothing for {@code idleTimeoutSeconds} ends; both end it with
 * {@code <connection-timeout/>} (RFC 6120 §4.9.3.5). Halfway through the silence the stream is
 * asked to answer a ping (XEP-0199 §4.2), once per silence, so that a client that is there but has
 * nothing to say (or whose NAT forgot the connection) keeps its stream or finds out.
 */
final class StreamDeadlines {
  private final Vertx vertx;
  private final long idleLimitMs;
  private final BiConsumer<String, String> expire;
  private final Runnable ping;
  private long lastRead = System.nanoTime();
  private boolean pinged;
  private long idleTimer = -1;
  private long authTimer = -1;

  /**
   * @param expire ends the stream with a stream error condition and text
   * @param ping asks the client for an answer (does nothing before the stream is bound)
   */
  StreamDeadlines(Vertx vertx, int authTimeoutSeconds, int idleTimeoutSeconds, BiConsumer<String, String> expire,
      Runnable ping) {
    this.vertx = vertx;
    this.idleLimitMs = idleTimeoutSeconds * 1000L;
    this.expire = expire;
    this.ping = ping;
    authTimer = vertx.setTimer(authTimeoutSeconds * 1000L,
        t -> expire.accept(StreamError.CONNECTION_TIMEOUT, "not authenticated in time"));
    armIdleTimer(idleLimitMs / 2);
  }

  /** The client sent something. */
  void read() {
    lastRead = System.nanoTime();
    pinged = false;
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
      } else if (idleMillis >= idleLimitMs / 2 && !pinged) {
        pinged = true;
        ping.run();
        armIdleTimer(idleLimitMs - idleMillis);
      } else {
        armIdleTimer((pinged ? idleLimitMs : idleLimitMs / 2) - idleMillis);
      }
    });
  }
}
