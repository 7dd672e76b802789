package dev.rosterd.common.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * An event-bus request that rides out a redeploy: while a piece is between undeploy and deploy its
 * address has no consumer and a request fails at once with {@link ReplyFailure#NO_HANDLERS}. Such a
 * request is sent again, a little later each time, for up to {@link #REDEPLOY_GRACE_MS}; only then
 * does the caller see the {@code NO_HANDLERS} failure (the piece is really not deployed). Every
 * other failure, and the reply, come back as they are.
 *
 * <p>Use it for requests whose consumer may be redeployed; the timer does not block anything.
 */
public final class BusRequest {
  /** How long a request keeps trying an address with no consumer: a redeploy takes milliseconds. */
  public static final long REDEPLOY_GRACE_MS = 2_000;

  private static final long FIRST_RETRY_MS = 10;
  private static final long LONGEST_RETRY_MS = 250;

  private BusRequest() {}

  /** Sends {@code body} to {@code address} with the send timeout {@code timeoutMs} per attempt. */
  public static Future<Message<JsonObject>> send(
      Vertx vertx, String address, JsonObject body, long timeoutMs) {
    return send(vertx, address, body, new DeliveryOptions().setSendTimeout(timeoutMs));
  }

  /** As {@link #send(Vertx, String, JsonObject, long)} with delivery options of the caller's. */
  public static Future<Message<JsonObject>> send(
      Vertx vertx, String address, JsonObject body, DeliveryOptions options) {
    Promise<Message<JsonObject>> answer = Promise.promise();
    attempt(vertx, address, body, options, System.nanoTime() + REDEPLOY_GRACE_MS * 1_000_000, FIRST_RETRY_MS, answer);
    return answer.future();
  }

  private static void attempt(
      Vertx vertx, String address, JsonObject body, DeliveryOptions options,
      long giveUpAt, long delayMs, Promise<Message<JsonObject>> answer) {
    vertx.eventBus().<JsonObject>request(address, body, options).onComplete(ar -> {
      if (ar.succeeded() || !noConsumer(ar.cause()) || System.nanoTime() + delayMs * 1_000_000 > giveUpAt) {
        answer.handle(ar);
        return;
      }
      vertx.setTimer(delayMs, t -> attempt(
          vertx, address, body, options, giveUpAt, Math.min(delayMs * 2, LONGEST_RETRY_MS), answer));
    });
  }

  private static boolean noConsumer(Throwable e) {
    return e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
