package dev.rosterd.c2s.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.tls.CertificateFiles;
import dev.rosterd.c2s.tls.ServerCertificate;
import dev.rosterd.c2s.tls.TlsEngine;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * c2s.tls.engine reaches the connections: on the STARTTLS port (whose SSL context the listener
 * builds itself) and on the direct-TLS port (Vert.x's), the handshake is made by the engine
 * configured, over real sockets.
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
    TcpListener listener = listener(null, engine, transport -> {
      transport.start(() -> { }, () -> { });
      transport.startTls("go").onSuccess(v -> used.tryComplete(engineOf(transport))).onFailure(used::tryFail);
    });
    int port = listener.listen("rosterd.test").await(10, TimeUnit.SECONDS);
    try {
      // The handler is set on the connection's event loop as the connect completes: set from this
      // thread after the connect, the server's "go" could come first and be dropped unseen.
      vertx.createNetClient().connect(port, "127.0.0.1")
          .onSuccess(client -> client.handler(data -> client.upgradeToSsl(TRUST_ANY, "rosterd.test", null)
              .onFailure(used::tryFail)))
          .onFailure(used::tryFail);
      return used.future().await(20, TimeUnit.SECONDS);
    } finally {
      listener.close().await(10, TimeUnit.SECONDS);
    }
  }

  private String directTlsEngine(TlsEngine engine) throws Exception {
    Promise<String> used = Promise.promise();
    TcpListener listener = listener(certificate.keyCertOptions(), engine,
        transport -> used.tryComplete(engineOf(transport)));
    int port = listener.listen("rosterd.test").await(10, TimeUnit.SECONDS);
    try {
      vertx.createNetClient(new NetClientOptions().setSsl(true).setTrustAll(true).setHostnameVerificationAlgorithm(""))
          .connect(port, "127.0.0.1").onFailure(used::tryFail);
      return used.future().await(20, TimeUnit.SECONDS);
    } finally {
      listener.close().await(10, TimeUnit.SECONDS);
    }
  }

  private TcpListener listener(KeyCertOptions directTls, TlsEngine engine, Consumer<Transport> accepted) {
    return new TcpListener(vertx, "127.0.0.1", 0, directTls, certificate.sslOptions(), engine.options(),
        new StreamLimits(10_000, 100_000, 1_000_000, 64), 1_000_000, accepted);
  }

  private static String engineOf(Transport transport) {
    SSLEngine engine = ((TcpTransport) transport).sslEngine();
    // Netty wraps its OpenSSL engine per connection; the JDK's is sun.security.ssl.SSLEngineImpl.
    String name = engine.getClass().getSimpleName();
    return name.contains("OpenSsl") ? "OpenSslEngine" : name;
  }
}
