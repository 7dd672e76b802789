package dev.rosterd.c2s.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An operator's own PEM files: what a TLS client is shown on either engine, and a start that
 * fails naming the file when one of them does not hold what it should.
 */
class ConfiguredCertificateTest {
  private static final String DOMAIN = "rosterd.test";

  @TempDir
  Path dir;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void clientsAreShownTheConfiguredChainSignedWithItsRsaKey(TlsEngine engine) throws Exception {
    KeyPair ca = keyPair("EC", 256);
    KeyPair server = keyPair("RSA", 2048);
    X509Certificate caCert = certificate("CN=Test CA", "CN=Test CA", ca.getPublic(), ca.getPrivate());
    X509Certificate serverCert = certificate("CN=" + DOMAIN, "CN=Test CA", server.getPublic(), ca.getPrivate());
    Path cert = write("chain.pem", pem(serverCert) + pem(caCert));
    // JcaPEMWriter writes an RSA private key as OpenSSL's traditional "RSA PRIVATE KEY" (PKCS#1).
    Path key = write("server.key", pem(server.getPrivate()));
    assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"));

    Certificate[] shown = handshake(load(cert, key), engine);

    assertEquals(2, shown.length);
    assertEquals(serverCert, shown[0]);
    assertEquals(caCert, shown[1]);
  }

  @Test
  void aKeyFileWithoutAKeyFailsTheStartNamingIt() throws Exception {
    KeyPair pair = keyPair("EC", 256);
    String certPem = pem(certificate("CN=" + DOMAIN, "CN=" + DOMAIN, pair.getPublic(), pair.getPrivate()));
    Path cert = write("server.pem", certPem);
    Path key = write("server.key", certPem);

    Exception e = assertThrows(Exception.class, () -> load(cert, key));

    assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not an unencrypted PEM private key"), e.getMessage());
  }

  @Test
  void aCertificateFileWithoutACertificateFailsTheStartNamingIt() throws Exception {
    Path cert = write("server.pem", "not a certificate\n");
    Path key = write("server.key", pem(keyPair("EC", 256).getPrivate()));

    Exception e = assertThrows(Exception.class, () -> load(cert, key));

    assertTrue(e.getMessage().contains(cert.toString()), e.getMessage());
  }

  private ServerCertificate load(Path cert, Path key) throws Exception {
    return ServerCertificate.load(vertx, new CertificateFiles(DOMAIN, cert.toString(), key.toString(), dir.toString()))
        .await(30, TimeUnit.SECONDS);
  }

  /** The chain a TLS client is shown by a direct-TLS server with these options. */
  private Certificate[] handshake(ServerCertificate certificate, TlsEngine engine) throws Exception {
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setKeyCertOptions(certificate.keyCertOptions()).setSslEngineOptions(engine.options()));
    server.connectHandler(socket -> { });
    int port = server.listen().await(10, TimeUnit.SECONDS).actualPort();
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAny()}, new SecureRandom());
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      return socket.getSession().getPeerCertificates();
    } finally {
      server.close().await(10, TimeUnit.SECONDS);
    }
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private static KeyPair keyPair(String algorithm, int bits) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm);
    gen.initialize(bits);
    return gen.generateKeyPair();
  }

  private static X509Certificate certificate(String subject, String issuer, PublicKey key, PrivateKey signer)
      throws Exception {
    Instant now = Instant.now();
    X509CertificateHolder holder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), key)
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static String pem(Object o) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  /** The test's client trusts any server: the chain it is shown is what the test asserts. */
  private static final class TrustAny implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
