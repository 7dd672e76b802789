package dev.rosterd.auth;

import dev.rosterd.common.config.ConfigReader;

/**
 * The {@code auth.tokens} section: single sign-on tokens the web application issues, presented as
 * the SASL PLAIN password. A JWT whose subject ({@code sub}) is the username, with an expiry
 * ({@code exp}), signed with exactly one of: {@code secret} (HS256), {@code publicKeyPath} (a PEM
 * public key, with {@code algorithm} RS256 or ES256) or {@code jwksPath} (a JWKS file of RS256 and
 * ES256 keys, chosen by the token's {@code kid}). Example: {@code "tokens": {"secret":
 * "at-least-32-characters-of-shared-secret", "issuer": "https://app.example", "audience":
 * "xmpp"}}.
 */
final class TokenOptions {
  /** Default of {@code leewaySeconds}: for clocks a little apart. */
  static final int DEFAULT_LEEWAY_SECONDS = 30;
  /** Shortest HS256 {@code secret}: 256 bits, as RFC 7518 §3.2 asks of an HS256 key. */
  static final int MIN_SECRET_CHARS = 32;
  static final String HS256 = "HS256";
  static final String RS256 = "RS256";
  static final String ES256 = "ES256";

  private final String secret;
  private final String publicKeyPath;
  private final String algorithm;
  private final String jwksPath;
  private final String issuer;
  private final String audience;
  private final int leewaySeconds;
  private final ConfigReader reader;

  TokenOptions(ConfigReader r) {
    reader = r;
    secret = r.string("secret", null);
    publicKeyPath = r.string("publicKeyPath", null);
    jwksPath = r.string("jwksPath", null);
    algorithm = r.oneOf("algorithm", secret != null ? HS256 : RS256, HS256, RS256, ES256);
    issuer = r.string("issuer", null);
    audience = r.string("audience", null);
    leewaySeconds = r.integer("leewaySeconds", DEFAULT_LEEWAY_SECONDS, 0, 600);
    r.rejectUnknownKeys();
    int keys = (secret != null ? 1 : 0) + (publicKeyPath != null ? 1 : 0) + (jwksPath != null ? 1 : 0);
    if (keys != 1) {
      throw r.invalid("secret", "expected exactly one of secret, publicKeyPath, jwksPath");
    }
    if (secret != null && secret.length() < MIN_SECRET_CHARS) {
      throw r.invalid("secret", "expected at least " + MIN_SECRET_CHARS + " characters");
    }
    if (secret != null && !algorithm.equals(HS256)) {
      throw r.invalid("algorithm", "a secret signs HS256 only");
    }
    if (publicKeyPath != null && algorithm.equals(HS256)) {
      throw r.invalid("algorithm", "a public key verifies RS256 or ES256");
    }
  }

  /** {@code secret}: the HS256 secret shared with the web application (at least {@value #MIN_SECRET_CHARS} characters). */
  String secret() {
    return secret;
  }

  /** {@code publicKeyPath}: a PEM file of the web application's public key, relative to the working directory. */
  String publicKeyPath() {
    return publicKeyPath;
  }

  /** {@code algorithm}: what {@code publicKeyPath} verifies, {@code RS256} (default) or {@code ES256}; {@code HS256} with {@code secret}. */
  String algorithm() {
    return algorithm;
  }

  /** {@code jwksPath}: a JWKS file ({@code {"keys": [...]}}) of RS256 and ES256 public keys. */
  String jwksPath() {
    return jwksPath;
  }

  /** {@code issuer}: when set, a token's {@code iss} must equal it. */
  String issuer() {
    return issuer;
  }

  /** {@code audience}: when set, a token's {@code aud} (a string or an array) must contain it. */
  String audience() {
    return audience;
  }

  /** {@code leewaySeconds}: how far past {@code exp} (or before {@code nbf}) a token is still accepted. */
  int leewaySeconds() {
    return leewaySeconds;
  }

  /** The full key path of {@code key} in this section, for errors found when the key files are read. */
  String keyPath(String key) {
    return reader.keyPath(key);
  }
}
