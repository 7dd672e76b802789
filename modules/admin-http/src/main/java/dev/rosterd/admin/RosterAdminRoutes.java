package dev.rosterd.admin;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.FailureReason;
import dev.rosterd.common.bus.RefreshOutcome;
import dev.rosterd.common.bus.RosterRefresh;
import dev.rosterd.common.flow.InFlightLimit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web application's side of mod_http_roster_admin's protocol: {@code POST
 * /roster_admin/refresh} with a JSON array of usernames, and {@code GET
 * /roster_admin/refresh/{username}} for one. Each user is refreshed over the event bus ({@link
 * Addresses#ROSTER_REFRESH}); every request is answered, also when the roster cache is not deployed
 * or does not answer in time (those users count as errors).
 */
final class RosterAdminRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(RosterAdminRoutes.class);
  static final String REFRESH = "/roster_admin/refresh";

  private final Vertx vertx;
  private final AdminHttpOptions options;
  private final InFlightLimit limit;

  RosterAdminRoutes(Vertx vertx, AdminHttpOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.limit = new InFlightLimit(options.maxConcurrentRefreshes());
  }

  void mount(Router router) {
    router.post(REFRESH)
        .handler(BodyHandler.create(false).setBodyLimit(options.maxBodyBytes()))
        .handler(this::refreshMany);
    router.get(REFRESH + "/:username").handler(this::refreshOne);
  }

  private void refreshMany(RoutingContext ctx) {
    List<String> users;
    try {
      users = RefreshRequest.usernames(ctx.body().buffer(), options.domain());
    } catch (RefreshRequest.Invalid e) {
      JsonReplies.error(ctx, 400, e.getMessage());
      return;
    }
    RefreshSummary summary = new RefreshSummary();
    Future.join(users.stream().map(u -> refresh(u)
            .onSuccess(o -> summary.updated())
            .onFailure(e -> summary.failed(u, e.getMessage())))
            .toList())
        .onComplete(ar -> {
          JsonObject answer = summary.toJson();
          LOG.info("roster refresh of {} users: {} updated, {} errors",
              users.size(), answer.getInteger("updated"), answer.getInteger("errors"));
          JsonReplies.send(ctx, 200, answer);
        });
  }

  private void refreshOne(RoutingContext ctx) {
    String raw = ctx.pathParam("username");
    String user = RefreshRequest.normalised(raw, options.domain()).orElse(null);
    if (user == null) {
      JsonReplies.error(ctx, 400, "\"" + raw + "\" is not a valid username");
      return;
    }
    refresh(user).onComplete(ar -> JsonReplies.send(ctx, 200, ar.succeeded()
        ? new JsonObject().put("status", "ok").put("message", "roster update complete")
            .put("outcome", ar.result().outcome().name().toLowerCase(Locale.ROOT))
        : new JsonObject().put("status", "error").put("message", ar.cause().getMessage())));
  }

  private Future<RefreshOutcome> refresh(String user) {
    // A refresh that arrives while the cache is being redeployed waits for it (BusRequest).
    return limit.submit(() -> BusRequest
        .send(vertx, Addresses.ROSTER_REFRESH, new RosterRefresh(user).toJson(), options.refreshTimeoutMs())
        .map(m -> RefreshOutcome.fromJson(m.body()))
        .recover(e -> {
          String reason = reason(e);
          // The fetcher already warned with the backend's side; this is the admin's view of it.
          LOG.debug("roster refresh of \"{}\" failed: {}", user, reason);
          return Future.failedFuture(reason);
        }));
  }

  private String reason(Throwable e) {
    return FailureReason.of(e, "the roster cache", options.refreshTimeoutMs()).text();
  }
}
