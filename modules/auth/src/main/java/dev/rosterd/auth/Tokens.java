package dev.rosterd.auth;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.SignatureException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks single sign-on tokens locally: vertx-auth-jwt verifies the signature with the configured
 * key ({@link TokenOptions}), and this class the claims: {@code exp} is required and honoured with
 * the leeway, {@code nbf} likewise when present, {@code iss} and {@code aud} when configured, and
 * {@code sub} must be the authenticating username (both PRECIS-normalised). No HTTP call per login.
 */
final class Tokens {
  /** Three base64url segments: what a signed JWT looks like, and no password a person types. */
  private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  private static final Set<String> ASYMMETRIC = Set.of(TokenOptions.RS256, TokenOptions.ES256);

  private final JWTAuth jwt;
  private final TokenOptions options;
  private final String domain;

  /**
   * Why a token was refused ({@code expired}, {@code no-expiry}, {@code not-yet-valid}, {@code
   * bad-signature}, {@code malformed}, {@code wrong-issuer}, {@code wrong-audience}, {@code
   * wrong-subject}), or {@link #OK}; the reason is logged and counted as {@code token-<reason>}.
   */
  record Verdict(String refusal) {
    static final Verdict OK = new Verdict(null);

    boolean ok() {
      return refusal == null;
    }
  }

  private Tokens(JWTAuth jwt, TokenOptions options, String domain) {
    this.jwt = jwt;
    this.options = options;
    this.domain = domain;
  }

  /** Reads the key files (if any) and sets up the verifier; a bad or missing file names its key. */
  static Future<Tokens> load(Vertx vertx, TokenOptions options, String domain) {
    // Expiry and the other claims are checked here, with reasons; vertx-auth-jwt checks the signature.
    JWTAuthOptions auth = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
    Future<JWTAuthOptions> keyed;
    if (options.secret() != null) {
      keyed = Future.succeededFuture(auth.addPubSecKey(
          new PubSecKeyOptions().setAlgorithm(TokenOptions.HS256).setBuffer(options.secret())));
    } else if (options.publicKeyPath() != null) {
      keyed = read(vertx, options, "publicKeyPath", options.publicKeyPath()).map(pem -> auth.addPubSecKey(
          new PubSecKeyOptions().setAlgorithm(options.algorithm()).setBuffer(pem.toString())));
    } else {
      keyed = read(vertx, options, "jwksPath", options.jwksPath()).map(json -> auth.setJwks(jwks(options, json)));
    }
    return keyed.map(o -> {
      String key = options.secret() != null ? "secret" : options.publicKeyPath() != null ? "publicKeyPath" : "jwksPath";
      try {
        return new Tokens(JWTAuth.create(vertx, o), options, domain);
      } catch (RuntimeException e) {
        throw new ConfigException(options.keyPath(key), "not a usable " + options.algorithm() + " key: " + e.getMessage());
      }
    });
  }

  /** Whether a PLAIN password is a token to check here rather than a password for the provider. */
  static boolean looksLikeToken(String password) {
    if (password == null || !COMPACT_JWS.matcher(password).matches()) {
      return false;
    }
    try {
      String header = new String(Base64.getUrlDecoder().decode(password.substring(0, password.indexOf('.'))));
      return new JsonObject(header).getValue("alg") instanceof String;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Checks {@code token} for {@code username} as the client sent it. */
  Future<Verdict> check(String username, String token) {
    Future<User> verified;
    try {
      verified = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      // vertx-auth-jwt throws rather than fails on some odd claims (an "exp" of null).
      verified = Future.failedFuture(e);
    }
    return verified
        .map(user -> claims(username, user.attributes().getJsonObject("accessToken")))
        // A key the token names but we lack is a signature we cannot trust, like a wrong one.
        .otherwise(e -> new Verdict(
            e instanceof SignatureException || e instanceof NoSuchKeyIdException ? "bad-signature" : "malformed"));
  }

  private Verdict claims(String username, JsonObject claims) {
    long now = System.currentTimeMillis() / 1000;
    long leeway = options.leewaySeconds();
    if (!(claims.getValue("exp") instanceof Number exp)) {
      return new Verdict("no-expiry");
    }
    if (now > exp.longValue() + leeway) {
      return new Verdict("expired");
    }
    if (claims.getValue("nbf") instanceof Number nbf && now + leeway < nbf.longValue()) {
      return new Verdict("not-yet-valid");
    }
    if (options.issuer() != null && !options.issuer().equals(claims.getValue("iss"))) {
      return new Verdict("wrong-issuer");
    }
    if (options.audience() != null && !audiences(claims.getValue("aud")).contains(options.audience())) {
      return new Verdict("wrong-audience");
    }
    String subject = claims.getValue("sub") instanceof String s ? Usernames.normalise(s, domain).orElse(null) : null;
    String user = Usernames.normalise(username, domain).orElse(null);
    return subject != null && subject.equals(user) ? Verdict.OK : new Verdict("wrong-subject");
  }

  private static List<?> audiences(Object aud) {
    return aud instanceof String s ? List.of(s) : aud instanceof JsonArray a ? a.getList() : List.of();
  }

  private static Future<Buffer> read(Vertx vertx, TokenOptions options, String key, String path) {
    return vertx.fileSystem().readFile(path).recover(e -> Future.failedFuture(
        new ConfigException(options.keyPath(key), "cannot read " + path + ": " + e.getMessage())));
  }

  /** The keys of a JWKS file; only RS256 and ES256 public keys are accepted. */
  private static List<JsonObject> jwks(TokenOptions options, Buffer file) {
    JsonArray keys;
    try {
      keys = new JsonObject(file).getJsonArray("keys");
    } catch (RuntimeException e) {
      throw new ConfigException(options.keyPath("jwksPath"), "not a JWKS file (a JSON object with \"keys\"): " + e.getMessage());
    }
    if (keys == null || keys.isEmpty()) {
      throw new ConfigException(options.keyPath("jwksPath"), "has no keys");
    }
    for (Object k : keys) {
      JsonObject jwk = k instanceof JsonObject j ? j : new JsonObject();
      String alg = jwk.getString("alg", "RSA".equals(jwk.getString("kty")) ? "RS256" : "EC".equals(jwk.getString("kty")) ? "ES256" : "");
      if (!ASYMMETRIC.contains(alg)) {
        throw new ConfigException(options.keyPath("jwksPath"), "only RS256 and ES256 public keys are accepted, got " + jwk.getString("kty") + " " + alg);
      }
    }
    return keys.stream().map(JsonObject.class::cast).toList();
  }
}
