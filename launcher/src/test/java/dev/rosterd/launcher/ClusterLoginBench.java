package dev.rosterd.launcher;

import dev.rosterd.cache.RosterCacheVerticle;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.RosterGet;
import dev.rosterd.common.bus.RosterItems;
import dev.rosterd.c2s.session.InboxAddresses;
import dev.rosterd.common.session.SessionAddressing;
import dev.rosterd.common.session.SessionDirectory;
import dev.rosterd.common.session.SessionEntry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * What a login and a stanza cost on a two-node cluster (two clustered Vert.x in this JVM, Hazelcast
 * on 127.0.0.1), for the two ways a session can be reached: its own clustered event-bus consumer,
 * or the one inbox of its c2s instance ({@link SessionAddressing}). Not a test: run by hand (see
 * the README's "How a stanza finds its session"), numbers go to the docs.
 *
 * <p>A login is what binding costs the cluster: with a consumer per session, registering it
 * (cluster-wide) and writing the directory; with inboxes, writing the directory (and the node's
 * index). A stanza is what routing one to a session on the other node costs: reading the directory
 * and one request to the session, answered there.
 *
 * <p>Last, for scale, a login followed by its first roster get through the roster cache (a miss;
 * the fetch is answered at once by a stand-in fetcher).
 *
 * <p>Arguments: {@code [logins] [concurrency] [stanzas]}, default 5000 64 2000.
 */
public final class ClusterLoginBench {
  /** The inbox each tag's sessions are recorded in. */
  private static final Map<String, String> INBOXES = new ConcurrentHashMap<>();
  private ClusterLoginBench() {}

  public static void main(String[] args) throws Exception {
    int logins = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int stanzas = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    Vertx a = await(ClusterJoin.vertx(ClusterTest.cluster(new JsonArray())));
    Vertx b = await(ClusterJoin.vertx(ClusterTest.cluster(new JsonArray().add("127.0.0.1:" + ClusterTest.hazelcastPort(a)))));
    try {
      SessionDirectory onB = new SessionDirectory(b);
      SessionDirectory onA = new SessionDirectory(a);
      // Warm up both paths (JIT, Hazelcast proxies, connections between the nodes).
      consumerLogins(b, onB, "warm-c", 500, concurrency);
      inboxLogins(b, onB, "warm-i", 500, concurrency);

      double consumerMs = consumerLogins(b, onB, "c", logins, concurrency);
      double inboxMs = inboxLogins(b, onB, "i", logins, concurrency);
      System.out.printf("login, consumer per session: %d logins, %d at once: %.0f logins/s%n",
          logins, concurrency, logins / consumerMs * 1000);
      System.out.printf("login, inbox per c2s instance: %d logins, %d at once: %.0f logins/s%n",
          logins, concurrency, logins / inboxMs * 1000);

      long[] viaConsumer = stanzas(a, onA, "c", stanzas, true);
      long[] viaInbox = stanzas(a, onA, "i", stanzas, false);
      System.out.printf("stanza to the other node, consumer per session: median %.2f ms, p99 %.2f ms%n",
          median(viaConsumer), p99(viaConsumer));
      System.out.printf("stanza to the other node, inbox per c2s instance: median %.2f ms, p99 %.2f ms%n",
          median(viaInbox), p99(viaInbox));

      // For scale: a login's first roster get, through the roster cache on both nodes.
      for (Vertx v : List.of(a, b)) {
        await(v.deployVerticle(new RosterCacheVerticle(),
            new DeploymentOptions().setConfig(new JsonObject().put("domain", "bench.test"))));
      }
      await(a.eventBus().<JsonObject>consumer(
          Addresses.ROSTER_FETCH, m -> m.reply(new RosterItems(List.of()).toJson())).completion());
      rosterLogins(b, onB, "warm-r", 500, concurrency);
      double rosterMs = rosterLogins(b, onB, "r", logins, concurrency);
      System.out.printf("login with its first roster get (cache miss, instant fetch): %d logins, %d at once: %.0f logins/s%n",
          logins, concurrency, logins / rosterMs * 1000);
    } finally {
      await(b.close());
      await(a.close());
    }
  }

  /** Logins that register a clustered consumer per session, then write the directory. */
  private static double consumerLogins(Vertx vertx, SessionDirectory dir, String tag, int n, int concurrency)
      throws Exception {
    return timed(n, concurrency, i -> {
      String address = "rosterd.session.bench-" + tag + "-" + i;
      MessageConsumer<JsonObject> c = vertx.eventBus().consumer(address, m -> m.reply(new JsonObject()));
      return c.completion().compose(v -> dir.put(user(tag, i), "r", new SessionEntry(inboxAddress(vertx, tag, i), 0, true)))
          .mapEmpty();
    });
  }

  /** Logins of sessions in one inbox: the directory write alone. */
  private static double inboxLogins(Vertx vertx, SessionDirectory dir, String tag, int n, int concurrency)
      throws Exception {
    String inbox = InboxAddresses.newInbox(vertx);
    await(vertx.eventBus().<JsonObject>consumer(inbox, m -> m.reply(new JsonObject())).completion());
    INBOXES.put(tag, inbox);
    return timed(n, concurrency, i ->
        dir.put(user(tag, i), "r", new SessionEntry(inboxAddress(vertx, tag, i), 0, true)).mapEmpty());
  }


  /** The session address recorded for login {@code i} of {@code tag}. */
  private static String inboxAddress(Vertx vertx, String tag, int i) {
    String inbox = INBOXES.computeIfAbsent(tag, t -> InboxAddresses.newInbox(vertx));
    return InboxAddresses.newSession(inbox).replaceAll("\\.[^.]+$", ".s" + i);
  }

  /** Inbox logins followed by the user's first roster get, which misses the cache. */
  private static double rosterLogins(Vertx vertx, SessionDirectory dir, String tag, int n, int concurrency)
      throws Exception {
    return timed(n, concurrency, i ->
        dir.put(user(tag, i), "r", new SessionEntry(inboxAddress(vertx, tag, i), 0, true))
            .compose(v -> vertx.eventBus().request(Addresses.ROSTER_GET, new RosterGet("u" + tag + i).toJson()))
            .mapEmpty());
  }

  /** Round trips from node A to sessions on node B: directory read, then a request to the session. */
  private static long[] stanzas(Vertx a, SessionDirectory dir, String tag, int n, boolean ownConsumer)
      throws Exception {
    long[] took = new long[n];
    DeliveryOptions bounded = new DeliveryOptions().setSendTimeout(10_000);
    for (int i = 0; i < n; i++) {
      int k = i % 1000;
      long start = System.nanoTime();
      await(dir.sessions(user(tag, k)).compose(s -> ownConsumer
          ? a.eventBus().request("rosterd.session.bench-" + tag + "-" + k, new JsonObject(), bounded)
          : SessionAddressing.request(a, s.get("r").address(), new JsonObject(), bounded)));
      took[i] = System.nanoTime() - start;
    }
    return took;
  }

  private static String user(String tag, int i) {
    return "u" + tag + i + "@bench.test";
  }

  private static double timed(int n, int concurrency, IntFunction<Future<Void>> login) throws Exception {
    long start = System.nanoTime();
    for (int from = 0; from < n; from += concurrency) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + concurrency); i++) {
        batch.add(login.apply(i));
      }
      await(Future.all(batch));
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }

  private static double p99(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[(int) (s.length * 0.99)] / 1e6;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(120, TimeUnit.SECONDS);
  }
}
