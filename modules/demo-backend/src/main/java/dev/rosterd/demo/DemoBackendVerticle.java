package dev.rosterd.demo;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the web application that owns the rosters, small enough to read as the reference
 * of its side of the protocol (the README's "The web application's side of the protocol"):
 *
 * <ol>
 *   <li>it answers {@code GET /roster/<username>} with that user's roster as JSON (rosterd GETs it
 *       when the user logs in: {@code rosterFetcher.http_roster_url} points here);
 *   <li>when a roster changes (here: someone edits the rosters file), it POSTs the usernames whose
 *       roster changed to rosterd's {@code /roster_admin/refresh}, and rosterd fetches those users
 *       again and pushes the difference to their clients.
 * </ol>
 *
 * <p>With {@code tokenSecret} set it also plays the web application's part of single sign-on
 * ({@link SignOn}): a person picks a user, and {@code GET /credentials} hands that user's browser
 * a fresh token to log in to rosterd with.
 *
 * <p>The file is watched with vertx-config (every {@code scanPeriodMs}); an edit that is not valid
 * JSON or not an object of rosters is logged and ignored, and the last good rosters keep being
 * served.
 */
public final class DemoBackendVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DemoBackendVerticle.class);

  private DemoBackendOptions options;
  private volatile RosterFile rosters = new RosterFile(new JsonObject());
  private ConfigRetriever file;
  private WebClient client;
  private HttpServer server;
  private SignOn signOn;

  @Override
  public Future<?> start() {
    options = new DemoBackendOptions(config());
    client = WebClient.create(vertx);
    file = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
        .setIncludeDefaultStores(false)
        .setScanPeriod(options.scanPeriodMs())
        .addStore(new ConfigStoreOptions().setType("file").setFormat("json")
            .setConfig(new JsonObject().put("path", Path.of(options.rostersFile()).toAbsolutePath().toString()))));
    Router router = Router.router(vertx);
    router.get("/roster/:username").handler(this::roster);
    if (options.tokenSecret() != null) {
      signOn = new SignOn(vertx, options, () -> rosters);
      signOn.mount(router);
      DemoPage.mount(router);
    }
    server = vertx.createHttpServer().requestHandler(router);
    return file.getConfig()
        .map(RosterFile::of)
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "demo rosters " + options.rostersFile() + ": " + e.getMessage(), e)))
        .compose(first -> {
          rosters = first;
          file.configStream().exceptionHandler(
              e -> LOG.warn("demo rosters {} not read: {}", options.rostersFile(), e.getMessage()));
          file.listen(change -> changed(change.getNewConfiguration()));
          return server.listen(options.port(), options.host());
        })
        .onSuccess(s -> {
          LOG.info("demo backend serving rosters of {} users from {} on http://{}:{}/roster/<username>",
              rosters.rosters().size(), options.rostersFile(), options.host(), s.actualPort());
          if (signOn != null) {
            LOG.info("demo backend: the demo page is http://{}:{}/ (chat over {} at {})",
                options.host(), s.actualPort(), options.transport(), options.connectionUrl());
          } else {
            LOG.info("demo backend: no demo page and no sign-on (demoBackend.tokenSecret is not set)");
          }
        });
  }

  @Override
  public Future<?> stop() {
    file.close();
    client.close();
    if (signOn != null) {
      signOn.close();
    }
    return server.close();
  }

  /** The port the roster endpoint listens on (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Step 1: rosterd asks for a user's roster. */
  private void roster(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(rosters.rosterOf(username).encode());
  }

  /** Step 2: the rosters changed; tell rosterd whose. */
  private void changed(JsonObject json) {
    RosterFile next;
    try {
      next = RosterFile.of(json);
    } catch (IllegalArgumentException e) {
      LOG.warn("demo rosters {} not applied: {}", options.rostersFile(), e.getMessage());
      return;
    }
    List<String> users = rosters.changedIn(next);
    rosters = next;
    if (!users.isEmpty()) {
      refresh(users);
    }
  }

  private void refresh(List<String> users) {
    HttpRequest<Buffer> post = client.postAbs(options.refreshUrl());
    if (options.token() != null) {
      post.bearerTokenAuthentication(options.token());
    }
    post.sendJson(new JsonArray(users)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("demo backend: refresh of {} at {} failed: {}", users, options.refreshUrl(), ar.cause().getMessage());
      } else {
        LOG.info("demo backend: refresh of {}: HTTP {} {}", users, ar.result().statusCode(), ar.result().bodyAsString());
      }
    });
  }
}
