package dev.rosterd.c2s.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The key manager every TLS listener of a process presents the server certificate with, made once
 * from the PEM text.
 *
 * <p>Vert.x's own PEM options build a key store for each SSL context, and the JDK protects each
 * key in it with 10,000 rounds of PBKDF2, once to store it and once to read it back: a profile of
 * a fresh start found a third of a second of CPU there, before the first client could connect
 * (docs/BENCHMARKS.md, "A third of a second of PBKDF2 at every start"). This store never leaves
 * the process's memory, where the PEM text it is made from lies beside it, so its password protects
 * nothing and one round is enough.
 */
final class ServerKeyManager {
  private static final String ALIAS = "rosterd";
  private static final char[] PASSWORD = "in-memory".toCharArray();
  private static final String PROTECTION = "PBEWithHmacSHA256AndAES_256";
  private static final int SALT_BYTES = 16;

  private ServerKeyManager() {}

  /**
   * The certificates of a PEM chain, the server's first.
   *
   * @throws GeneralSecurityException when it holds none
   */
  static Certificate[] chain(byte[] certificatePem) throws GeneralSecurityException {
    Certificate[] chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(certificatePem)).toArray(Certificate[]::new);
    if (chain.length == 0) {
      throw new GeneralSecurityException("no PEM certificate in it");
    }
    return chain;
  }

  /**
   * The key manager for a certificate chain and its private key (PKCS#8, or PKCS#1 and SEC1 as
   * OpenSSL writes RSA and EC keys).
   *
   * @throws GeneralSecurityException when the key file does not hold such a key
   */
  static KeyManagerFactory of(Certificate[] chain, byte[] keyPem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    store.setEntry(ALIAS, new KeyStore.PrivateKeyEntry(privateKey(keyPem), chain),
        new KeyStore.PasswordProtection(PASSWORD, PROTECTION, new PBEParameterSpec(salt, 1)));
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(store, PASSWORD);
    return managers;
  }

  private static PrivateKey privateKey(byte[] pem) throws IOException, GeneralSecurityException {
    try (Reader text = new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(text)) {
      Object read = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (read instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (read instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new GeneralSecurityException(read == null
          ? "no PEM private key in it"
          : "not an unencrypted PEM private key (found " + read.getClass().getSimpleName() + ")");
    }
  }
}
