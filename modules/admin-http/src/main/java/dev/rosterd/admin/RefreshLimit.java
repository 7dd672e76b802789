package dev.rosterd.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * At most {@code max} refreshes in flight at once for this router instance, across all requests;
 * the rest wait in order, without blocking the event loop. Used from the verticle's context only.
 */
final class RefreshLimit {
  private final int max;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  RefreshLimit(int max) {
    this.max = max;
  }

  <T> Future<T> submit(Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Runnable start = () -> {
      running++;
      task.get().onComplete(ar -> {
        running--;
        if (!waiting.isEmpty()) {
          waiting.poll().run();
        }
        done.handle(ar);
      });
    };
    if (running < max) {
      start.run();
    } else {
      waiting.add(start);
    }
    return done.future();
  }
}
