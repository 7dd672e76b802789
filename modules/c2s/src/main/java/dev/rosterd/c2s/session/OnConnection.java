package dev.rosterd.c2s.session;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Brings the outcome of an asynchronous step back onto a connection's context. Shared data and
 * event-bus replies may complete on another event loop (the shared-data map is opened once, on
 * whichever context asked first); a session's state is only ever touched on its connection's
 * context, so every step that touches it goes through here.
 */
public final class OnConnection {
  private OnConnection() {}

  public static <T> Future<T> of(ClientLink link, Future<T> step) {
    Promise<T> here = Promise.promise();
    step.onComplete(
        outcome -> {
          if (Vertx.currentContext() == link.context()) {
            here.handle(outcome);
          } else {
            link.context().runOnContext(v -> here.handle(outcome));
          }
        });
    return here.future();
  }
}
