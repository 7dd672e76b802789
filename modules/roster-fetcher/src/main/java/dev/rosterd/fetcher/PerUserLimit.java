package dev.rosterd.fetcher;

import dev.rosterd.common.flow.InFlightLimit;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * At most {@code max} tasks of one user running at once; the user's further tasks wait, in order.
 * Keeps an entry only while the user has a task running or waiting, so it does not grow with the
 * number of users ever fetched. Used from the fetcher verticle's context only.
 */
final class PerUserLimit {
  private final int max;
  private final Map<String, User> users = new HashMap<>();

  PerUserLimit(int max) {
    this.max = max;
  }

  <T> Future<T> submit(String user, Supplier<Future<T>> task) {
    User u = users.computeIfAbsent(user, name -> new User(new InFlightLimit(max)));
    u.pending++;
    return u.limit.submit(task).andThen(ar -> {
      if (--u.pending == 0) {
        users.remove(user);
      }
    });
  }

  private static final class User {
    final InFlightLimit limit;
    int pending;

    User(InFlightLimit limit) {
      this.limit = limit;
    }
  }
}
