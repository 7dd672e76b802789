package dev.rosterd.common.flow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * At most {@code max} tasks running at once; the rest wait in order, without blocking anything.
 * Used from one verticle context only, so it needs no synchronisation. Bounds in-flight backend
 * requests in the fetcher and concurrent refreshes in the admin router.
 */
public final class InFlightLimit {
  private final int max;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  public InFlightLimit(int max) {
    this.max = max;
  }

  public <T> Future<T> submit(Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Runnable start = () -> {
      running++;
      Future<T> f;
      try {
        f = task.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        running--;
        startNext();
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

  private void startNext() {
    if (running < max && !waiting.isEmpty()) {
      waiting.poll().run();
    }
  }
}
