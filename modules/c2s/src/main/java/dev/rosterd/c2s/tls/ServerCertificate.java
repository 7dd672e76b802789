package dev.rosterd.c2s.tls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate STARTTLS and direct TLS present: the configured PEM files, or else a self-signed
 * one for the domain, generated once with BouncyCastle into the configured directory and found
 * there on later starts (so clients that pinned it keep trusting it). Its SHA-256 fingerprint is
 * logged so an operator can compare it with what a client shows.
 */
public final class ServerCertificate {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);
  private static final String LOCK = "rosterd.c2s.certificate";
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private final KeyManagerFactory keyManagers;
  private final String fingerprint;
  private final ServerSSLOptions sslOptions;

  private ServerCertificate(KeyManagerFactory keyManagers, String fingerprint) {
    this.keyManagers = keyManagers;
    this.fingerprint = fingerprint;
    this.sslOptions = new ServerSSLOptions().setKeyCertOptions(keyCertOptions());
  }

  /**
   * Loads or generates the certificate on a worker thread. A local lock keeps several verticle
   * instances of one process from generating two different certificates at once.
   */
  public static Future<ServerCertificate> load(Vertx vertx, CertificateFiles options) {
    return vertx.sharedData().getLocalLockWithTimeout(LOCK, 60_000).compose(lock ->
        vertx.executeBlocking(() -> read(options), false).andThen(done -> lock.release()));
  }

  /** The SHA-256 fingerprint of the certificate, as colon-separated upper-case hex. */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * SSL options for STARTTLS, from which each STARTTLS listener builds its SSL context once when
   * it starts. Not to be changed.
   */
  public ServerSSLOptions sslOptions() {
    return sslOptions;
  }

  /** The key and certificate, held in memory by one key manager for every listener. */
  public KeyCertOptions keyCertOptions() {
    return KeyCertOptions.wrap(keyManagers);
  }

  private static ServerCertificate read(CertificateFiles options) throws IOException, GeneralSecurityException {
    Path cert;
    Path key;
    if (options.certPath() != null) {
      cert = Path.of(options.certPath());
      key = Path.of(options.keyPath());
    } else {
      Path dir = Path.of(options.generatedDirectory());
      cert = dir.resolve(options.domain() + ".crt.pem");
      key = dir.resolve(options.domain() + ".key.pem");
      if (!Files.exists(cert) || !Files.exists(key)) {
        generate(options.domain(), dir, cert, key);
        LOG.warn("no TLS certificate configured: generated a self-signed one for {} in {}", options.domain(), cert);
      }
    }
    Certificate[] chain;
    KeyManagerFactory keyManagers;
    try {
      chain = ServerKeyManager.chain(Files.readAllBytes(cert));
      keyManagers = ServerKeyManager.of(chain, Files.readAllBytes(key));
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("TLS certificate " + cert + " with key " + key + ": " + e.getMessage(), e);
    }
    String fingerprint = fingerprint(chain[0]);
    LOG.info("TLS certificate {} has SHA-256 fingerprint {}", cert, fingerprint);
    return new ServerCertificate(keyManagers, fingerprint);
  }

  private static String fingerprint(Certificate serverCertificate) throws GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(serverCertificate.getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  private static void generate(String domain, Path dir, Path certFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair pair = gen.generateKeyPair();
    X500Name name = new X500Name("CN=" + domain);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        name, new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(VALIDITY)), name, pair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, domain)));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    X509CertificateHolder holder;
    try {
      holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
    Files.createDirectories(dir);
    // Written beside and moved into place, so a crash never leaves half a file to be "reused".
    writeAtomically(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), true);
    writeAtomically(certFile, pem(holder), false);
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    if (secret) {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        LOG.debug("no POSIX permissions here; {} keeps the default ones", target);
      }
    }
    Files.writeString(tmp, content);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
