package dev.rosterd.c2s;

import dev.rosterd.c2s.negotiation.StreamMeters;
import dev.rosterd.c2s.negotiation.StreamNegotiation;
import dev.rosterd.c2s.sasl.Credentials;
import dev.rosterd.c2s.session.SessionLayer;
import dev.rosterd.c2s.session.Sessions;
import dev.rosterd.c2s.tls.ServerCertificate;
import dev.rosterd.c2s.transport.TcpListener;
import dev.rosterd.c2s.transport.TcpTransport;
import dev.rosterd.c2s.transport.Transport;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The client-to-server listener: accepts XMPP clients on {@code port} (STARTTLS) and, when set,
 * {@code directTlsPort} (XEP-0368), one {@link StreamNegotiation} over a {@link TcpTransport} per
 * socket, with one session layer per verticle instance. See {@link C2sOptions} for the config.
 *
 * <p>The bound ports are logged at info and readable with {@link #actualPort()} and {@link
 * #actualDirectTlsPort()} once deployed, so {@code "port": 0} (a free port) works in tests.
 *
 * <p>On stop every open stream ends with {@code <system-shutdown/>}, and stop completes once all
 * sockets are closed.
 */
public final class C2sVerticle extends VerticleBase {
  private final Set<StreamNegotiation> streams = new LinkedHashSet<>();
  private final List<TcpListener> listeners = new ArrayList<>();
  private volatile int actualPort = -1;
  private volatile int actualDirectTlsPort = -1;
  private final BiFunction<Vertx, String, SessionLayer> sessionLayer;
  private C2sOptions options;
  private ServerCertificate certificate;
  private SessionLayer sessions;
  private Credentials credentials;
  private StreamMeters meters;

  public C2sVerticle() {
    this(Sessions::start);
  }

  /** For tests that watch the seam: {@code sessionLayer} makes the session layer from (vertx, domain). */
  public C2sVerticle(BiFunction<Vertx, String, SessionLayer> sessionLayer) {
    this.sessionLayer = sessionLayer;
  }

  /** The port the STARTTLS listener is bound to; -1 before start completed. */
  public int actualPort() {
    return actualPort;
  }

  /** The port the direct TLS listener is bound to; -1 when off or before start completed. */
  public int actualDirectTlsPort() {
    return actualDirectTlsPort;
  }

  @Override
  public Future<?> start() {
    Jids.setUp();
    options = new C2sOptions(config());
    sessions = sessionLayer.apply(vertx, options.domain());
    credentials = new Credentials(vertx);
    meters = new StreamMeters(vertx);
    return ServerCertificate.load(vertx, options.certificateFiles()).compose(cert -> {
      certificate = cert;
      Future<Integer> plain = listen(options.port(), null).onSuccess(p -> actualPort = p);
      if (options.directTlsPort() < 0) {
        return plain.mapEmpty();
      }
      return Future.all(plain, listen(options.directTlsPort(), cert.keyCertOptions())
          .onSuccess(p -> actualDirectTlsPort = p)).mapEmpty();
    });
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    for (StreamNegotiation stream : List.copyOf(streams)) {
      closing.add(stream.shutDown());
    }
    return Future.join(closing).transform(done -> {
      List<Future<Void>> closed = new ArrayList<>();
      listeners.forEach(l -> closed.add(l.close()));
      return Future.join(closed);
    });
  }

  private Future<Integer> listen(int port, PemKeyCertOptions directTls) {
    TcpListener listener = new TcpListener(vertx, options.host(), port, directTls, this::accept);
    listeners.add(listener);
    return listener.listen(options.domain());
  }

  private void accept(NetSocket socket, boolean secured) {
    Transport transport = new TcpTransport(socket, vertx.getOrCreateContext(),
        options.streamLimits(), certificate.sslOptions(), secured, options.maxOutboundBytes());
    StreamNegotiation stream = new StreamNegotiation(vertx, transport, options.streamPolicy(), sessions, credentials, meters);
    streams.add(stream);
    stream.start().onComplete(v -> streams.remove(stream));
  }
}
