package dev.rosterd.testing.load;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser clients of one idle-web run, as {@link Fleet} is for TCP clients: spread over every
 * event loop, logged in at most {@code --in-flight} at a time, on one WebSocket client or one HTTP
 * client whose connection limits are raised to the run's size (Vert.x allows 50 WebSockets per
 * server by default, and a BOSH session holds up to two requests).
 */
final class WebFleet {
  /** The transport of the fleet's clients. */
  enum Transport { WEBSOCKET, BOSH }

  private final Vertx vertx;
  private final HarnessSettings settings;
  private final Transport transport;
  private final List<Context> loops;
  private final String loopsDeployment;
  private final WebSocketClient webSockets;
  private final HttpClient http;
  private final List<WebLoadClient> clients = new CopyOnWriteArrayList<>();

  private WebFleet(Vertx vertx, HarnessSettings settings, Transport transport, int size, List<Context> loops,
      String loopsDeployment) {
    this.vertx = vertx;
    this.settings = settings;
    this.transport = transport;
    this.loops = loops;
    this.loopsDeployment = loopsDeployment;
    this.webSockets = transport == Transport.WEBSOCKET
        ? vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(size + 16).setConnectTimeout(30_000))
        : null;
    this.http = transport == Transport.BOSH
        ? vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(30_000),
            new PoolOptions().setHttp1MaxSize(2 * size + 16).setMaxWaitQueueSize(-1))
        : null;
  }

  /** A fleet for up to {@code size} clients, on {@code 2 × cores} event-loop contexts as {@link Fleet}'s. */
  static Future<WebFleet> start(Vertx vertx, HarnessSettings settings, Transport transport, int size) {
    List<Context> loops = new CopyOnWriteArrayList<>();
    int n = 2 * Runtime.getRuntime().availableProcessors();
    return vertx.deployVerticle(() -> new VerticleBase() {
          @Override
          public Future<?> start() {
            loops.add(context);
            return Future.succeededFuture();
          }
        }, new DeploymentOptions().setInstances(n).setThreadingModel(ThreadingModel.EVENT_LOOP))
        .map(id -> new WebFleet(vertx, settings, transport, size, List.copyOf(loops), id));
  }

  /** Makes the clients of users {@code from .. to-1}, one each. */
  List<WebLoadClient> create(int from, int to) {
    LoadUsers users = settings.users();
    List<WebLoadClient> made = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String user = users.name(i % users.count());
      String resource = "web" + (i / users.count());
      Context loop = loops.get(i % loops.size());
      made.add(transport == Transport.WEBSOCKET
          ? new WebSocketLoadClient(vertx, loop, webSockets, URI.create(settings.websocketUrl()), users, user, resource,
              settings.stepTimeoutMs())
          : new BoshLoadClient(vertx, loop, http, settings.boshUrl(), users, user, resource, settings.stepTimeoutMs()));
    }
    clients.addAll(made);
    return made;
  }

  /** How many clients' sessions the server still has: each pings the server, and those answered count. */
  Future<Integer> held() {
    List<Future<Boolean>> pings = clients.stream().map(WebLoadClient::stillThere).toList();
    return Future.join(pings).transform(ar -> Future.succeededFuture(
        (int) pings.stream().filter(p -> p.succeeded() && p.result()).count()));
  }

  /** Logs {@code batch} in, at most {@code --in-flight} at a time; completes when every one is done. */
  Future<Fleet.Logins> login(List<WebLoadClient> batch) {
    Fleet.Logins tally = new Fleet.Logins(batch.size());
    if (batch.isEmpty()) {
      return Future.succeededFuture(tally.finish());
    }
    Promise<Fleet.Logins> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      if (i < batch.size()) {
        batch.get(i).login().onComplete(ar -> {
          tally.record(ar.succeeded() ? ar.result() : null, ar.failed() ? ar.cause().getMessage() : null);
          if (finished.incrementAndGet() == batch.size()) {
            done.complete(tally.finish());
          } else {
            launch[0].run();
          }
        });
      }
    };
    for (int k = 0; k < Math.min(settings.inFlight(), batch.size()); k++) {
      launch[0].run();
    }
    return done.future();
  }

  /** Closes every client, then the transport's client. */
  Future<Void> close() {
    return Future.join(clients.stream().map(WebLoadClient::close).toList())
        .transform(v -> webSockets != null ? webSockets.close() : http.close())
        .transform(v -> vertx.undeploy(loopsDeployment));
  }
}
