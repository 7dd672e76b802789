package dev.rosterd.c2s.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.transport.TcpListener;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * c2s.tls.engine reaches the connections: on the STARTTLS port (where Vert.x upgrades a socket
 * with the engine of the server that accepted it, not one given to the upgrade) and on the
 * direct-TLS port, the handshake is made by the engine configured, over real sockets.
 */
class TlsEngineTest {
  private static final ClientSSLOptions TRUST_ANY =
      new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm("");

  @TempDir
  Path dir;
  private Vertx vertx;
  private ServerCertificate certificate;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    certificate = ServerCertificate.load(vertx, new CertificateFiles("rosterd.test", null, null, dir.toString()))
        .await(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theBundledBoringSslLoadsOnThisPlatform() {
    assertTrue(TlsEngine.OPENSSL.options() instanceof OpenSSLEngineOptions,
        "netty-tcnative-boringssl-static did not load: TLS would fall back to the JDK");
  }

  @Test
  void startTlsUsesTheConfiguredEngine() throws Exception {
    assertEquals("OpenSslEngine", startTlsEngine(TlsEngine.OPENSSL));
    assertEquals("SSLEngineImpl", startTlsEngine(TlsEngine.JDK));
  }

  @Test
  void directTlsUsesTheConfiguredEngine() throws Exception {
    assertEquals("OpenSslEngine", directTlsEngine(TlsEngine.OPENSSL));
    assertEquals("SSLEngineImpl", directTlsEngine(TlsEngine.JDK));
  }

  /** The simple class name of the engine behind the server side of a STARTTLS-style upgrade. */
  private String startTlsEngine(TlsEngine engine) throws Exception {
    Promise<String> used = Promise.promise();
    TcpListener listener = new TcpListener(vertx, "127.0.0.1", 0, null, engine.options(),
        (socket, secured) -> socket.upgradeToSsl(certificate.sslOptions(), (String) null, Buffer.buffer("go"))
            .onSuccess(v -> used.tryComplete(engineOf(socket)))
            .onFailure(used::tryFail));
    int port = listener.listen("rosterd.test").await(10, TimeUnit.SECONDS);
    try {
      NetSocket client = vertx.createNetClient().connect(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
      client.handler(data -> client.upgradeToSsl(TRUST_ANY, "rosterd.test", null).onFailure(used::tryFail));
      return used.future().await(20, TimeUnit.SECONDS);
    } finally {
      listener.close().await(10, TimeUnit.SECONDS);
    }
  }

  private String directTlsEngine(TlsEngine engine) throws Exception {
    Promise<String> used = Promise.promise();
    TcpListener listener = new TcpListener(vertx, "127.0.0.1", 0, certificate.keyCertOptions(), engine.options(),
        (socket, secured) -> used.tryComplete(engineOf(socket)));
    int port = listener.listen("rosterd.test").await(10, TimeUnit.SECONDS);
    try {
      vertx.createNetClient(new NetClientOptions().setSsl(true).setTrustAll(true).setHostnameVerificationAlgorithm(""))
          .connect(port, "127.0.0.1").onFailure(used::tryFail);
      return used.future().await(20, TimeUnit.SECONDS);
    } finally {
      listener.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String engineOf(NetSocket socket) {
    SslHandler ssl = ((NetSocketInternal) socket).channelHandlerContext().pipeline().get(SslHandler.class);
    // Netty wraps its OpenSSL engine per connection; the JDK's is sun.security.ssl.SSLEngineImpl.
    String name = ssl.engine().getClass().getSimpleName();
    return name.contains("OpenSsl") ? "OpenSslEngine" : name;
  }
}
