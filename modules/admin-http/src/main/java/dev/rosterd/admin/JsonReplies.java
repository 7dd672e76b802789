package dev.rosterd.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every admin answer is JSON with {@code status} and {@code message}, errors included. */
final class JsonReplies {
  private JsonReplies() {}

  static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  static void error(RoutingContext ctx, int status, String message) {
    send(ctx, status, new JsonObject().put("status", "error").put("message", message));
  }

  /** The body of an error, also for answers written before the router runs. */
  static String errorBody(String message) {
    return new JsonObject().put("status", "error").put("message", message).encode();
  }
}
