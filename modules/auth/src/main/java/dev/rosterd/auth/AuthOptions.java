package dev.rosterd.auth;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;

/**
 * The {@code auth} section of the config. Example with the {@code static} provider:
 *
 * <pre>{@code
 * "auth": {
 *   "provider": "static",
 *   "users": {
 *     "alice": "plaintext password",
 *     "bob": {"scram-sha-256": {"salt": "base64", "iterations": 4096,
 *                               "storedKey": "base64", "serverKey": "base64"},
 *             "scram-sha-1":   {"salt": "...", "iterations": 4096, "storedKey": "...", "serverKey": "..."}}
 *   }
 * }
 * }</pre>
 *
 * and with the {@code http} provider: {@code "auth": {"provider": "http", "url":
 * "https://app.example/xmpp-auth", "timeoutMillis": 5000}}. Either may add {@code "throttle"}
 * (failure budgets, {@link ThrottleOptions}) and {@code "tokens"} (single sign-on, {@link
 * TokenOptions}).
 */
public final class AuthOptions {
  /** Provider that keeps users in the config itself. */
  public static final String STATIC = "static";
  /** Provider that asks the web application over HTTP, like Prosody's mod_auth_http. */
  public static final String HTTP = "http";

  /** Default of {@code provider}. */
  public static final String DEFAULT_PROVIDER = STATIC;
  /** Default of {@code timeoutMillis}: five seconds for the web application to answer. */
  public static final int DEFAULT_TIMEOUT_MILLIS = 5000;
  /** Default of {@code iterations}: RFC 7677's minimum for SCRAM-SHA-256, used for SHA-1 too. */
  public static final int DEFAULT_ITERATIONS = 4096;
  /** Shortest {@code scramSecret} accepted: 128 bits of text at the very least. */
  public static final int MIN_SECRET_CHARS = 16;

  private final String domain;
  private final String provider;
  private final JsonObject users;
  private final String url;
  private final int timeoutMillis;
  private final int iterations;
  private final String scramSecret;
  private final ThrottleOptions throttle;
  private final TokenOptions tokens;

  public AuthOptions(JsonObject config) {
    ConfigReader r = new ConfigReader(config, "auth");
    domain = r.requiredString("domain");
    provider = r.oneOf("provider", DEFAULT_PROVIDER, STATIC, HTTP);
    users = r.section("users").json();
    url = r.string("url", null);
    timeoutMillis = r.integer("timeoutMillis", DEFAULT_TIMEOUT_MILLIS, 1, 600_000);
    iterations = r.integer("iterations", DEFAULT_ITERATIONS, 4096, 10_000_000);
    scramSecret = r.string("scramSecret", null);
    if (scramSecret != null && scramSecret.length() < MIN_SECRET_CHARS) {
      throw r.invalid("scramSecret", "expected at least " + MIN_SECRET_CHARS + " characters");
    }
    throttle = new ThrottleOptions(r.section("throttle"));
    tokens = r.has("tokens") ? new TokenOptions(r.section("tokens")) : null;
    r.rejectUnknownKeys();
    if (provider.equals(HTTP) && (url == null || url.isBlank())) {
      throw r.invalid("url", "is required when provider is http");
    }
    if (provider.equals(STATIC)) {
      UserCredentials.validate(users, r);
    }
  }

  /** {@code domain}: the XMPP domain; usernames are normalised as local parts of JIDs in it. Required. */
  public String domain() {
    return domain;
  }

  /** {@code provider}: {@code "static"} (users in this section) or {@code "http"} (the web application decides). */
  public String provider() {
    return provider;
  }

  /**
   * {@code users} (static only): username to either a plaintext password (its SCRAM keys are derived
   * at start) or an object of SCRAM keys by mechanism ({@code "scram-sha-256"}, {@code
   * "scram-sha-1"}), each with base64 {@code salt}, {@code storedKey}, {@code serverKey} and an
   * integer {@code iterations} as RFC 5802 defines them. A user given only by keys can log in with
   * the mechanisms it has keys for, and with PLAIN (checked by deriving the keys on a worker thread).
   */
  public JsonObject users() {
    return users;
  }

  /** {@code url} (http only, required there): where the form {@code user}, {@code pass} is POSTed; a 200 with body {@code true} means yes. */
  public String url() {
    return url;
  }

  /** {@code timeoutMillis} (http only): how long to wait for the web application before answering unavailable. */
  public int timeoutMillis() {
    return timeoutMillis;
  }

  /**
   * {@code iterations} (static only): PBKDF2 iterations for the SCRAM keys derived from plaintext
   * passwords, and those announced for users the store does not have.
   */
  public int iterations() {
    return iterations;
  }

  /**
   * {@code scramSecret} (static only, optional, at least {@value #MIN_SECRET_CHARS} characters):
   * the secret the SCRAM salts of plaintext users and the decoy salts of unknown users are derived
   * from. Unset, one is generated at the first start and shared through the cluster's shared data,
   * so it changes when every node restarts (and salts with it). Set it, the same on every node, to
   * keep salts stable across restarts.
   */
  public String scramSecret() {
    return scramSecret;
  }

  /** {@code throttle}: the budgets of failed logins across connections, see {@link ThrottleOptions}. */
  ThrottleOptions throttle() {
    return throttle;
  }

  /**
   * {@code tokens} (optional, with either provider): single sign-on tokens of the web application
   * (see {@link TokenOptions}). A PLAIN password that is a JWT is checked as a token and only as a
   * token; any other password goes to the provider as before. Null when absent.
   */
  TokenOptions tokens() {
    return tokens;
  }
}
