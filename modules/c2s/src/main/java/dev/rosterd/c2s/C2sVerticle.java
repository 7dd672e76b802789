package dev.rosterd.c2s;

import dev.rosterd.c2s.connection.ClientConnection;
import dev.rosterd.c2s.connection.StreamMeters;
import dev.rosterd.c2s.sasl.Credentials;
import dev.rosterd.c2s.session.SessionLayer;
import dev.rosterd.c2s.session.Sessions;
import dev.rosterd.c2s.tls.ServerCertificate;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-to-server listener: accepts XMPP clients on {@code port} (STARTTLS) and, when set,
 * {@code directTlsPort} (XEP-0368), one {@link ClientConnection} per socket, with one session layer
 * per verticle instance. See {@link C2sOptions} for the config.
 *
 * <p>The bound ports are logged at info and readable with {@link #actualPort()} and {@link
 * #actualDirectTlsPort()} once deployed, so {@code "port": 0} (a free port) works in tests.
 *
 * <p>On stop every open stream ends with {@code <system-shutdown/>}, and stop completes once all
 * sockets are closed.
 */
public final class C2sVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(C2sVerticle.class);

  private final Set<ClientConnection> connections = new LinkedHashSet<>();
  private final List<NetServer> servers = new ArrayList<>();
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
  C2sVerticle(BiFunction<Vertx, String, SessionLayer> sessionLayer) {
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
    return ServerCertificate.load(vertx, options).compose(cert -> {
      certificate = cert;
      Future<NetServer> plain = listen(new NetServerOptions(), options.port(), false)
          .onSuccess(s -> actualPort = s.actualPort());
      if (options.directTlsPort() < 0) {
        return plain.mapEmpty();
      }
      NetServerOptions tls = new NetServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions());
      return Future.all(plain, listen(tls, options.directTlsPort(), true)
          .onSuccess(s -> actualDirectTlsPort = s.actualPort())).mapEmpty();
    });
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    for (ClientConnection c : List.copyOf(connections)) {
      closing.add(c.shutDown());
    }
    return Future.join(closing).transform(done -> {
      List<Future<Void>> closed = new ArrayList<>();
      servers.forEach(s -> closed.add(s.close()));
      return Future.join(closed);
    });
  }

  private Future<NetServer> listen(NetServerOptions serverOptions, int port, boolean secured) {
    NetServer server = vertx.createNetServer(serverOptions.setHost(options.host()).setPort(port));
    server.connectHandler(socket -> accept(socket, secured));
    servers.add(server);
    return server.listen().onSuccess(s -> LOG.info(
        "c2s for {} listening on {}:{} ({})", options.domain(), options.host(), s.actualPort(),
        secured ? "direct TLS" : "STARTTLS"));
  }

  private void accept(NetSocket socket, boolean secured) {
    LOG.debug("client connected from {}", socket.remoteAddress());
    ClientConnection c = new ClientConnection(
        vertx, socket, secured, options, certificate, sessions, credentials, meters);
    connections.add(c);
    c.start().onComplete(v -> connections.remove(c));
  }
}
