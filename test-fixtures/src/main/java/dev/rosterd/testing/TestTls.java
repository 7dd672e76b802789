package dev.rosterd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The test certificate (self-signed for {@code localhost}, {@code rosterd.test} and {@code
 * 127.0.0.1}) as files a server can be configured with, and as trust for clients. Real TLS in
 * tests, with nothing trusted but this one certificate.
 */
public final class TestTls {
  private static Path dir;

  private TestTls() {}

  /** The PEM certificate, copied to a temporary file. */
  public static synchronized Path certPath() {
    return files().resolve("test-cert.pem");
  }

  /** The PEM (PKCS#8) private key, copied to a temporary file. */
  public static synchronized Path keyPath() {
    return files().resolve("test-key.pem");
  }

  /** A trust manager that trusts the test certificate and nothing else. */
  public static X509TrustManager trustManager() {
    try (InputStream in = resource("test-cert.pem")) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("rosterd-test", cert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return (X509TrustManager) tmf.getTrustManagers()[0];
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the test certificate", e);
    }
  }

  /** An SSL context for clients that trust the test certificate. */
  public static SSLContext clientContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trustManager()}, null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path files() {
    if (dir == null) {
      try {
        Path d = Files.createTempDirectory("rosterd-test-tls");
        for (String name : new String[] {"test-cert.pem", "test-key.pem"}) {
          try (InputStream in = resource(name)) {
            Files.copy(in, d.resolve(name));
          }
        }
        d.toFile().deleteOnExit();
        dir = d;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static InputStream resource(String name) {
    InputStream in = TestTls.class.getResourceAsStream("/tls/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource /tls/" + name);
    }
    return in;
  }
}
