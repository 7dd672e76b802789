package dev.rosterd.testing.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The attacks issue 14 saw, run beside a normal load ({@code attacked} scenario), {@code
 * --attackers} of each kind, on accounts of their own (the last users of {@code --users}):
 *
 * <ul>
 *   <li>presence flooders: bound, writing directed presences to JIDs nobody has as fast as TCP lets
 *       them;
 *   <li>non-readers: bound, never reading, while a feeder floods them with 2 KB chats;
 *   <li>slowloris: a stream header one byte a second, again whenever the server closes it;
 *   <li>guessers: SASL PLAIN with a wrong password, again and again;
 *   <li>malformed: {@code <<<} after the header, again and again.
 * </ul>
 *
 * Each reconnecting attacker counts its connections; the harness reports them.
 */
final class Attackers {
  private final Vertx vertx;
  private final HarnessSettings s;
  private final Fleet fleet;
  private final NetClient raw;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicLong connections = new AtomicLong();
  private final List<LoadClient> bound = new ArrayList<>();

  Attackers(Vertx vertx, HarnessSettings s, Fleet fleet) {
    this.vertx = vertx;
    this.s = s;
    this.fleet = fleet;
    this.raw = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000));
  }

  /** Starts every attack; completes once the bound attackers are logged in. */
  Future<Void> start() {
    int n = s.attackers();
    int top = s.users().count();
    List<LoadClient> flooders = fleet.create(top - n, top);
    List<LoadClient> sleepers = fleet.create(top - 2 * n, top - n);
    List<LoadClient> feeders = fleet.create(top - 3 * n, top - 2 * n);
    List<LoadClient> all = new ArrayList<>(flooders);
    all.addAll(sleepers);
    all.addAll(feeders);
    bound.addAll(all);
    Set<String> kinds = s.attackKinds();
    return fleet.login(all).map(logins -> {
      for (int i = 0; i < n; i++) {
        if (kinds.contains("flood")) {
          flooders.get(i).flood("<presence to='ghost" + i + "@" + s.users().domain() + "/x'/>");
        }
        if (kinds.contains("sleep")) {
          sleepers.get(i).stopReading();
          feeders.get(i).flood("<message type='chat' to='" + sleepers.get(i).fullJid() + "'><body>"
              + "x".repeat(2048) + "</body></message>");
        }
        if (kinds.contains("slowloris")) {
          reconnecting(this::slowloris);
        }
        if (kinds.contains("guess")) {
          reconnecting(this::guess);
        }
        if (kinds.contains("malformed")) {
          reconnecting(this::malformed);
        }
      }
      return null;
    });
  }

  /** Stops the attacks (the bound attackers' connections close with the fleet). */
  JsonObject stop() {
    stopped.set(true);
    long cut = bound.stream().filter(c -> c.gone().isComplete()).count();
    return new JsonObject()
        .put("attackers_per_kind", s.attackers())
        .put("attack_connections", connections.get())
        .put("bound_attackers_cut_off", cut)
        .put("bound_attackers", bound.size());
  }

  /** Runs {@code attack} on a fresh connection, again each time the server closes it. */
  private void reconnecting(Function<NetSocket, Future<Void>> attack) {
    if (stopped.get()) {
      return;
    }
    LoadClient.Target t = s.targets().get(0);
    raw.connect(t.port(), t.host())
        .compose(socket -> {
          connections.incrementAndGet();
          return attack.apply(socket);
        })
        .onComplete(ar -> vertx.setTimer(10, id -> reconnecting(attack)));
  }

  private String header() {
    return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
        + " to='" + s.users().domain() + "' version='1.0'>";
  }

  private Future<Void> slowloris(NetSocket socket) {
    byte[] bytes = header().getBytes(UTF_8);
    int[] at = {0};
    long timer = vertx.setPeriodic(1000, id -> {
      if (at[0] < bytes.length && !stopped.get()) {
        socket.write(Buffer.buffer(new byte[] {bytes[at[0]++]}));
      } else {
        socket.close();
      }
    });
    socket.handler(data -> {});
    return closedFuture(socket).onComplete(v -> vertx.cancelTimer(timer));
  }

  private Future<Void> guess(NetSocket socket) {
    socket.handler(data -> {
      if (data.toString().contains("</stream:features>") && !stopped.get()) {
        String wrong = Base64.getEncoder().encodeToString(
            ("\0" + s.users().name(s.users().count() - 3 * s.attackers() - 1) + "\0not-the-password").getBytes(UTF_8));
        socket.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + wrong + "</auth>");
      } else if (data.toString().contains("<failure")) {
        socket.close();
      }
    });
    socket.write(header());
    return closedFuture(socket);
  }

  private Future<Void> malformed(NetSocket socket) {
    socket.handler(data -> {});
    socket.write(header() + "<<<");
    return closedFuture(socket);
  }

  private static Future<Void> closedFuture(NetSocket socket) {
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    socket.exceptionHandler(e -> socket.close());
    return closed.future();
  }
}
