package dev.rosterd.testing.load;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.ThreadingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients of one scenario run, spread over every event loop of the harness's Vert.x, and the
 * logins of many of them with a bound on how many are in progress at once.
 */
final class Fleet {
  private final Vertx vertx;
  private final HarnessSettings settings;
  private final List<Context> loops;
  private final String loopsDeployment;
  private final NetClient net;
  private final List<LoadClient> clients = new CopyOnWriteArrayList<>();

  private Fleet(Vertx vertx, HarnessSettings settings, List<Context> loops, String loopsDeployment) {
    this.vertx = vertx;
    this.settings = settings;
    this.loops = loops;
    this.loopsDeployment = loopsDeployment;
    NetClientOptions options = new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(30_000);
    if (settings.tls() == LoadClient.Tls.DIRECT) {
      options.setSsl(true).setTrustAll(true).setHostnameVerificationAlgorithm("");
    }
    this.net = vertx.createNetClient(options);
  }

  /**
   * A fleet whose clients use {@code 2 × cores} event-loop contexts, one per instance of a verticle
   * that does nothing but lend its context (the public way to get contexts on distinct loops).
   */
  static Future<Fleet> start(Vertx vertx, HarnessSettings settings) {
    List<Context> loops = new CopyOnWriteArrayList<>();
    int n = 2 * Runtime.getRuntime().availableProcessors();
    return vertx.deployVerticle(() -> new VerticleBase() {
          @Override
          public Future<?> start() {
            loops.add(context);
            return Future.succeededFuture();
          }
        }, new DeploymentOptions().setInstances(n).setThreadingModel(ThreadingModel.EVENT_LOOP))
        .map(id -> new Fleet(vertx, settings, List.copyOf(loops), id));
  }

  /** Makes the clients of users {@code from .. to-1}, one each, spread over nodes and loops. */
  List<LoadClient> create(int from, int to) {
    LoadUsers users = settings.users();
    List<LoadClient.Target> targets = settings.targets();
    List<LoadClient> made = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String user = users.name(i % users.count());
      made.add(new LoadClient(vertx, loops.get(i % loops.size()), net, targets.get(i % targets.size()),
          users.domain(), user, users.password(user), "load" + (i / users.count()), settings.stepTimeoutMs(),
          settings.tls(), settings.sasl()));
    }
    clients.addAll(made);
    return made;
  }

  List<LoadClient> clients() {
    return List.copyOf(clients);
  }

  /** Logs {@code batch} in, at most {@code --in-flight} at a time; completes when every one is done. */
  Future<Logins> login(List<LoadClient> batch) {
    Logins tally = new Logins(batch.size());
    if (batch.isEmpty()) {
      return Future.succeededFuture(tally.finish());
    }
    Promise<Logins> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= batch.size()) {
        return;
      }
      batch.get(i).login().onComplete(ar -> {
        tally.record(ar.succeeded() ? ar.result() : null, ar.failed() ? ar.cause().getMessage() : null);
        if (finished.incrementAndGet() == batch.size()) {
          done.complete(tally.finish());
        } else {
          launch[0].run();
        }
      });
    };
    for (int k = 0; k < Math.min(settings.inFlight(), batch.size()); k++) {
      launch[0].run();
    }
    return done.future();
  }

  /** Closes every client and the net client; completes when all sockets are closed. */
  Future<Void> close() {
    return Future.join(clients.stream().map(LoadClient::close).toList())
        .transform(v -> net.close())
        .transform(v -> vertx.undeploy(loopsDeployment));
  }

  /** What a batch of logins came to. Thread-safe: clients on every loop record into it. */
  static final class Logins {
    private final int attempted;
    private final long start = System.nanoTime();
    private final Latencies rosterTimes = new Latencies();
    private long nanos;
    private int ok;
    private int itemsMin = Integer.MAX_VALUE;
    private int itemsMax;
    private final List<Integer> itemCounts = new ArrayList<>();
    private final java.util.Map<String, Integer> suites = new java.util.TreeMap<>();
    private String firstFailure;

    Logins(int attempted) {
      this.attempted = attempted;
    }

    synchronized void record(LoadClient.Login login, String failure) {
      if (login == null) {
        if (firstFailure == null) {
          firstFailure = failure;
        }
        return;
      }
      ok++;
      rosterTimes.add(login.rosterNanos());
      itemsMin = Math.min(itemsMin, login.rosterItems());
      itemsMax = Math.max(itemsMax, login.rosterItems());
      itemCounts.add(login.rosterItems());
      if (login.tls() != null) {
        suites.merge(login.tls(), 1, Integer::sum);
      }
    }

    synchronized Logins finish() {
      nanos = System.nanoTime() - start;
      return this;
    }

    synchronized int ok() {
      return ok;
    }

    /**
     * {@code logins}, {@code failures}, {@code seconds}, {@code logins_per_s}, the roster reply's
     * percentiles, and how many rosters had exactly {@code expectedItems} items.
     */
    synchronized JsonObject toJson(int expectedItems) {
      double seconds = nanos / 1e9;
      JsonObject j = new JsonObject()
          .put("logins", ok)
          .put("failures", attempted - ok)
          .put("seconds", Math.round(seconds * 1000) / 1000.0)
          .put("logins_per_s", seconds == 0 ? 0 : Math.round(ok / seconds * 10) / 10.0)
          .mergeIn(rosterTimes.summary("roster_"))
          .put("roster_items_expected", expectedItems)
          .put("rosters_full", itemCounts.stream().filter(n -> n == expectedItems).count())
          .put("roster_items_min", ok == 0 ? 0 : itemsMin)
          .put("roster_items_max", itemsMax);
      if (!suites.isEmpty()) {
        // What the server chose (protocol and cipher suite) and for how many logins.
        j.put("tls_negotiated", new JsonObject(new java.util.LinkedHashMap<>(suites)));
      }
      if (firstFailure != null) {
        j.put("first_failure", firstFailure);
      }
      return j;
    }
  }
}
