package dev.rosterd.admin;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.FailureReason;
import dev.rosterd.common.bus.NodeDeployments;
import dev.rosterd.common.bus.PieceDeployment;
import dev.rosterd.common.bus.PieceRedeploy;
import dev.rosterd.common.health.ArchiveStoreState;
import dev.rosterd.common.health.LastFetch;
import dev.rosterd.common.json.JsonKind;
import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Optional;

/**
 * The operator's endpoints: {@code GET /admin/verticles} and {@code POST
 * /admin/verticles/{name}/redeploy}, answered by the launcher's node of this Vert.x instance over
 * the event bus ({@link Addresses#NODE_DEPLOYMENTS}, {@link Addresses#NODE_REDEPLOY}, sent local
 * only so each node's router manages its own node); {@code GET /health}; and {@code GET /metrics},
 * the Prometheus scrape of this instance's registry.
 */
final class OperationsRoutes {
  static final String VERTICLES = "/admin/verticles";

  /** A redeploy of the c2s waits for every stream to close; give it time. */
  static final long REDEPLOY_TIMEOUT_MS = 60_000;
  private static final long STATUS_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final AdminHttpOptions options;

  OperationsRoutes(Vertx vertx, AdminHttpOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  void mount(Router router) {
    router.get(VERTICLES).handler(this::list);
    router.post(VERTICLES + "/:name/redeploy")
        .handler(BodyHandler.create(false).setBodyLimit(options.maxBodyBytes()))
        .handler(this::redeploy);
    router.get("/health").handler(this::health);
    MeterRegistry registry = Meters.registry(vertx);
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    } else {
      router.get("/metrics").handler(ctx -> JsonReplies.error(ctx, 503,
          "metrics are not enabled on this Vert.x instance (start rosterd with its launcher)"));
    }
  }

  private void list(RoutingContext ctx) {
    status().onComplete(ar -> {
      if (ar.failed()) {
        JsonReplies.error(ctx, 503, nodeFailure(ar.cause(), STATUS_TIMEOUT_MS).text());
        return;
      }
      JsonArray verticles = new JsonArray();
      ar.result().deployed().forEach(d -> verticles.add(d.toJson()));
      JsonReplies.send(ctx, 200, new JsonObject()
          .put("status", "ok")
          .put("verticles", verticles)
          .put("missing", new JsonArray(ar.result().missing())));
    });
  }

  private void redeploy(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    JsonObject section;
    try {
      section = section(ctx.body().buffer());
    } catch (IllegalArgumentException e) {
      JsonReplies.error(ctx, 400, e.getMessage());
      return;
    }
    // Redeploying this router undeploys the verticle answering: the node answers once the section
    // is checked, before it undeploys, and the answer is 202.
    boolean self = name.equals(AdminHttpOptions.SECTION);
    DeliveryOptions delivery = new DeliveryOptions().setLocalOnly(true).setSendTimeout(REDEPLOY_TIMEOUT_MS);
    vertx.eventBus()
        .<JsonObject>request(Addresses.NODE_REDEPLOY, new PieceRedeploy(name, section, self).toJson(), delivery)
        .onSuccess(reply -> {
          PieceDeployment d = PieceDeployment.fromJson(reply.body());
          JsonReplies.send(ctx, self ? 202 : 200, new JsonObject()
              .put("status", "ok")
              .put("message", self ? name + " is being redeployed" : name + " redeployed")
              .put("verticle", d.toJson()));
        })
        .onFailure(e -> {
          FailureReason reason = nodeFailure(e, REDEPLOY_TIMEOUT_MS);
          JsonReplies.error(ctx, reason.code() == BusFailure.TIMEOUT ? 503 : reason.httpStatus(), reason.text());
        });
  }

  /** The replacement section from the body: none when empty, else it must be a JSON object. */
  private static JsonObject section(Buffer body) {
    if (body == null || body.toString().isBlank()) {
      return null;
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("body is not valid JSON: expected the piece's config section, an object");
    }
    if (!(decoded instanceof JsonObject section)) {
      throw new IllegalArgumentException("expected the piece's config section, an object, got " + JsonKind.of(decoded));
    }
    return section;
  }

  private void health(RoutingContext ctx) {
    Future<NodeDeployments> pieces = status();
    Future<Optional<LastFetch>> lastFetch = LastFetch.read(vertx);
    Future<Optional<ArchiveStoreState>> archive = ArchiveStoreState.read(vertx);
    Future.join(pieces, lastFetch, archive).onComplete(done -> {
      JsonObject body = new JsonObject();
      boolean healthy;
      if (pieces.succeeded()) {
        NodeDeployments s = pieces.result();
        healthy = s.missing().isEmpty();
        body.put("deployed", new JsonArray(s.deployed().stream().map(PieceDeployment::name).toList()))
            .put("missing", new JsonArray(s.missing()))
            .put("message", healthy ? "every configured piece is deployed"
                : "not deployed: " + String.join(", ", s.missing()));
      } else {
        healthy = false;
        body.put("message", nodeFailure(pieces.cause(), STATUS_TIMEOUT_MS).text());
      }
      body.put("lastBackendFetch", lastFetch.succeeded()
          ? lastFetch.result().map(LastFetch::toJson).orElse(null)
          : null);
      Optional<ArchiveStoreState> store = archive.succeeded() ? archive.result() : Optional.empty();
      body.put("archiveStore", store.map(ArchiveStoreState::toJson).orElse(null));
      if (store.isPresent() && !store.get().up()) {
        // Messages for offline users cannot be kept: the node is not healthy, whatever is deployed.
        healthy = false;
        body.put("message", "archive store " + store.get().store() + " is down: " + store.get().reason());
      }
      JsonReplies.send(ctx, healthy ? 200 : 503, new JsonObject().put("status", healthy ? "ok" : "error").mergeIn(body));
    });
  }

  private Future<NodeDeployments> status() {
    DeliveryOptions delivery = new DeliveryOptions().setLocalOnly(true).setSendTimeout(STATUS_TIMEOUT_MS);
    return vertx.eventBus()
        .<JsonObject>request(Addresses.NODE_DEPLOYMENTS, new JsonObject(), delivery)
        .map(m -> NodeDeployments.fromJson(m.body()));
  }

  /** The launcher node is asked on this Vert.x instance only; none there reads as "not deployed". */
  private static FailureReason nodeFailure(Throwable e, long timeoutMs) {
    return FailureReason.of(e, "the launcher node of this Vert.x instance", timeoutMs);
  }
}
