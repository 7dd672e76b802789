package dev.rosterd.c2s.transport;

import dev.rosterd.c2s.stream.StreamLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.SslChannelProvider;
import io.vertx.core.internal.tls.SslContextManager;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP port of the c2s: the STARTTLS port (RFC 6120), or the direct-TLS port (XEP-0368), where
 * TLS is in place from the first byte. Each accepted socket is handed on as a {@link TcpTransport}.
 */
public final class TcpListener {
  private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

  private final Vertx vertx;
  private final NetServer server;
  private final String host;
  private final String description;
  private final ServerSSLOptions startTls;
  private final SSLEngineOptions engine;
  /** The SSL context STARTTLS upgrades with, resolved once by {@link #listen}; null on the direct-TLS port. */
  private SslChannelProvider startTlsContext;
  private long handshakeTimeoutMs;

  /**
   * @param directTls the certificate for TLS from the first byte, or null for the STARTTLS port
   * @param startTls the certificate for STARTTLS on the STARTTLS port
   * @param engine the TLS implementation, on either port
   * @param limits the limits each new stream's parser is made with
   * @param maxOutboundBytes what may wait to be written to a client before its stream ends
   * @param accepted takes each new connection
   */
  public TcpListener(Vertx vertx, String host, int port, KeyCertOptions directTls, ServerSSLOptions startTls,
      SSLEngineOptions engine, StreamLimits limits, int maxOutboundBytes, Consumer<Transport> accepted) {
    NetServerOptions options = new NetServerOptions().setHost(host).setPort(port);
    if (directTls != null) {
      options.setSsl(true).setKeyCertOptions(directTls).setSslEngineOptions(engine);
    }
    this.vertx = vertx;
    this.host = host;
    this.description = directTls != null ? "direct TLS" : "STARTTLS";
    this.startTls = directTls != null ? null : startTls;
    this.engine = engine;
    this.server = vertx.createNetServer(options);
    server.connectHandler(socket -> {
      LOG.debug("client connected from {}", socket.remoteAddress());
      TcpConnection connection = TcpConnection.takeOver(socket);
      accepted.accept(new TcpTransport(connection, limits, directTls != null, maxOutboundBytes,
          proceed -> connection.startTls(startTlsContext, proceed, handshakeTimeoutMs)));
    });
  }

  /** Binds the port; completes with the port actually bound (for a configured 0). */
  public Future<Integer> listen(String domain) {
    return resolveStartTls().compose(v -> server.listen()).map(s -> {
      // The launcher's tests and operators' scripts read the port from this line.
      LOG.info("c2s for {} listening on {}:{} ({})", domain, host, s.actualPort(), description);
      return s.actualPort();
    });
  }

  /**
   * Builds the STARTTLS port's SSL context once, with the engine and defaults (protocols, ciphers)
   * Vert.x gives the direct-TLS port, so that both ports speak the same TLS.
   */
  private Future<Void> resolveStartTls() {
    if (startTls == null) {
      return Future.succeededFuture();
    }
    handshakeTimeoutMs = startTls.getSslHandshakeTimeoutUnit().toMillis(startTls.getSslHandshakeTimeout());
    SslContextManager contexts = new SslContextManager(SslContextManager.resolveEngineOptions(engine, false));
    return contexts.resolveSslContextProvider(startTls, null, ClientAuth.NONE, null, (ContextInternal) vertx.getOrCreateContext())
        .map(provider -> {
          startTlsContext = new SslChannelProvider((VertxInternal) vertx, provider, false);
          return null;
        });
  }

  public Future<Void> close() {
    return server.close();
  }
}
