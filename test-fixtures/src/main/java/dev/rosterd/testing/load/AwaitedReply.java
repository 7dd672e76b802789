package dev.rosterd.testing.load;

import dev.rosterd.stanza.Element;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Predicate;

/**
 * The one reply a simulated client's login is waiting for, with its time-out: the same for the
 * TCP client ({@link LoadClient}) and the web clients ({@link WebLoadClient}). Not thread-safe: the
 * client's context only.
 */
final class AwaitedReply {
  private final Vertx vertx;
  private final String user;
  private final long timeoutMs;
  private Waiting waiting;

  AwaitedReply(Vertx vertx, String user, long timeoutMs) {
    this.vertx = vertx;
    this.user = user;
    this.timeoutMs = timeoutMs;
  }

  /** Completes with the next element that {@code match}es, or fails after the time-out. */
  Future<Element> expect(Predicate<Element> match, String what) {
    Promise<Element> p = Promise.promise();
    long timer = vertx.setTimer(timeoutMs, t -> {
      if (waiting != null && waiting.promise == p) {
        waiting = null;
        p.tryFail(user + ": no " + what + " within " + timeoutMs + " ms");
      }
    });
    waiting = new Waiting(match, p, timer);
    return p.future();
  }

  /** Hands {@code e} to what waits for it; false when nothing waits for this element. */
  boolean offer(Element e) {
    Waiting w = waiting;
    if (w == null || !w.match.test(e)) {
      return false;
    }
    waiting = null;
    vertx.cancelTimer(w.timer);
    w.promise.complete(e);
    return true;
  }

  /** What waits fails with {@code why}, if anything waits. */
  void fail(String why) {
    Waiting w = waiting;
    waiting = null;
    if (w != null) {
      vertx.cancelTimer(w.timer);
      w.promise.tryFail(why);
    }
  }

  private record Waiting(Predicate<Element> match, Promise<Element> promise, long timer) {}
}
