package dev.rosterd.c2s.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.tls.CertificateFiles;
import dev.rosterd.c2s.tls.ServerCertificate;
import dev.rosterd.c2s.tls.TlsEngine;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TCP connection taken over from Vert.x's socket, over a real socket: what the client sends
 * reaches the stream, what the server writes reaches the client, and the close is reported to the
 * stream and to Vert.x's connection and byte metrics, as with a socket of Vert.x's own.
 */
class TcpConnectionTest {
  private static final String HEADER = "<stream:stream xmlns='jabber:client' "
      + "xmlns:stream='http://etherx.jabber.org/streams' to='rosterd.test' version='1.0'>";

  @TempDir
  Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Vertx vertx;
  private TcpListener listener;
  private int port;
  private final Promise<Transport> accepted = Promise.promise();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    ServerCertificate certificate = ServerCertificate.load(vertx,
        new CertificateFiles("rosterd.test", null, null, dir.toString())).await(30, TimeUnit.SECONDS);
    listener = new TcpListener(vertx, "127.0.0.1", 0, null, certificate.sslOptions(), TlsEngine.OPENSSL.options(),
        new StreamLimits(10_000, 100_000, 1_000_000, 64), 1_000_000, accepted::complete);
    port = listener.listen("rosterd.test").await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void carriesTheStreamBothWaysAndCountsTheConnectionOutWhenItCloses() throws Exception {
    NetSocket client = vertx.createNetClient().connect(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
    Promise<String> reply = Promise.promise();
    client.handler(data -> reply.tryComplete(data.toString()));
    Transport server = accepted.future().await(10, TimeUnit.SECONDS);
    Promise<StreamEvent> opened = Promise.promise();
    Promise<Void> closed = Promise.promise();
    server.context().runOnContext(v -> server.start(() -> {
      StreamEvent e = server.next();
      if (e != null) {
        opened.tryComplete(e);
      }
    }, closed::complete));

    client.write(HEADER);
    assertTrue(opened.future().await(10, TimeUnit.SECONDS) instanceof StreamEvent.Opened);
    server.context().runOnContext(v -> server.write("<features/>"));
    assertEquals("<features/>", reply.future().await(10, TimeUnit.SECONDS));
    assertEquals(1.0, registry.get("vertx.net.server.active.connections").gauge().value());

    client.close();
    closed.future().await(10, TimeUnit.SECONDS);
    assertEquals(0.0, registry.get("vertx.net.server.active.connections").gauge().value());
    assertEquals(HEADER.length(), total("vertx.net.server.bytes.read"));
    assertEquals("<features/>".length(), total("vertx.net.server.bytes.written"));
  }

  @Test
  void theSocketTakenOverIsLetGoOf() throws Exception {
    List<TcpConnection> kept = new ArrayList<>();
    Promise<WeakReference<NetSocket>> taken = Promise.promise();
    NetServer plain = vertx.createNetServer().connectHandler(socket -> {
      WeakReference<NetSocket> ref = new WeakReference<>(socket);
      kept.add(TcpConnection.takeOver(socket));
      taken.complete(ref);
    });
    int plainPort = plain.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    vertx.createNetClient().connect(plainPort, "127.0.0.1").await(10, TimeUnit.SECONDS);
    WeakReference<NetSocket> socket = taken.future().await(10, TimeUnit.SECONDS);

    // The socket's write queue is what the take-over saves; a reference kept to the socket
    // (by the new handler, say) would keep it for the connection's life.
    for (int i = 0; i < 20 && socket.get() != null; i++) {
      System.gc();
    }
    assertNull(socket.get(), "the taken-over socket is still reachable");
    assertEquals(1, kept.size());
  }

  /** What a Vert.x byte meter has counted, in bytes. */
  private double total(String name) {
    double total = 0;
    for (Meter meter : registry.find(name).meters()) {
      for (Measurement m : meter.measure()) {
        // A distribution summary's total, or a counter's count: both are bytes here.
        if (m.getStatistic() == Statistic.TOTAL
            || m.getStatistic() == Statistic.COUNT && meter.getId().getType() == Meter.Type.COUNTER) {
          total += m.getValue();
        }
      }
    }
    return total;
  }
}
