package dev.rosterd.c2s.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP port of the c2s: the STARTTLS port (RFC 6120), or the direct-TLS port (XEP-0368), where
 * TLS is in place from the first byte. Each accepted socket is handed on with whether it is already
 * secured.
 */
public final class TcpListener {
  private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

  private final NetServer server;
  private final String host;
  private final String description;

  /**
   * @param directTls the certificate for TLS from the first byte, or null for the STARTTLS port
   * @param engine the TLS implementation; on the STARTTLS port too, since Vert.x upgrades a socket
   *     with the SSL engine of the server that accepted it
   * @param accepted takes each new socket and whether TLS is already in place
   */
  public TcpListener(Vertx vertx, String host, int port, PemKeyCertOptions directTls, SSLEngineOptions engine,
      BiConsumer<NetSocket, Boolean> accepted) {
    NetServerOptions options = new NetServerOptions().setHost(host).setPort(port).setSslEngineOptions(engine);
    if (directTls != null) {
      options.setSsl(true).setKeyCertOptions(directTls);
    }
    boolean secured = directTls != null;
    this.host = host;
    this.description = secured ? "direct TLS" : "STARTTLS";
    this.server = vertx.createNetServer(options);
    server.connectHandler(socket -> {
      LOG.debug("client connected from {}", socket.remoteAddress());
      accepted.accept(socket, secured);
    });
  }

  /** Binds the port; completes with the port actually bound (for a configured 0). */
  public Future<Integer> listen(String domain) {
    return server.listen().map(s -> {
      // The launcher's tests and operators' scripts read the port from this line.
      LOG.info("c2s for {} listening on {}:{} ({})", domain, host, s.actualPort(), description);
      return s.actualPort();
    });
  }

  public Future<Void> close() {
    return server.close();
  }
}
