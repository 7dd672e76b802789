package dev.rosterd.auth;

import com.ongres.scram.common.ScramMechanism;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code static} provider: users from the config, held in memory. */
final class StaticCredentials implements CredentialStore {
  private final Vertx vertx;
  private final AuthOptions options;
  private final ScramSecret secret;
  private final Map<String, UserCredentials> users;

  private StaticCredentials(
      Vertx vertx, AuthOptions options, ScramSecret secret, Map<String, UserCredentials> users) {
    this.vertx = vertx;
    this.options = options;
    this.secret = secret;
    this.users = users;
  }

  /** Reads the users, deriving SCRAM keys of plaintext passwords on a worker thread. */
  static Future<StaticCredentials> load(Vertx vertx, AuthOptions options, ScramSecret secret) {
    JsonObject config = options.users();
    return vertx.executeBlocking(() -> {
      Map<String, UserCredentials> users = new HashMap<>();
      for (String name : config.fieldNames()) {
        String user = Usernames.normalise(name, options.domain())
            .orElseThrow(() -> new ConfigException(
                "auth.users." + name, "not a valid username (the local part of a JID)"));
        users.put(user, UserCredentials.of(user, config.getValue(name), options.iterations(), secret));
      }
      return new StaticCredentials(vertx, options, secret, users);
    }, false);
  }

  @Override
  public List<String> mechanisms() {
    return List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
  }

  @Override
  public Future<Boolean> checkPlain(String username, String password) {
    UserCredentials user = find(username);
    if (user == null || password == null) {
      return Future.succeededFuture(false);
    }
    if (user.password() != null) {
      // Constant time, so the answer's timing tells nothing about the password.
      return Future.succeededFuture(MessageDigest.isEqual(
          user.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8)));
    }
    return vertx.executeBlocking(() -> matchesKeys(user, password), false);
  }

  /**
   * The user's keys, or decoy keys (a stable salt, the configured iterations) for a user or a
   * mechanism this store does not have: the answer looks the same either way, and the exchange
   * fails only at the proof.
   */
  @Override
  public Future<ScramCredentials> scram(String username, String mechanism) {
    ScramMechanism m = UserCredentials.mechanism(mechanism);
    if (m == null) {
      return Future.succeededFuture(ScramCredentials.notFound());
    }
    String name = Usernames.normalise(username, options.domain()).orElse(String.valueOf(username));
    UserCredentials user = users.get(name);
    ScramCredentials keys = user == null ? null : user.scram().get(m.getName());
    return Future.succeededFuture(keys != null ? keys : secret.decoy(m, name, options.iterations()));
  }

  private UserCredentials find(String username) {
    return Usernames.normalise(username, options.domain()).map(users::get).orElse(null);
  }

  /** Derives the StoredKey from the password and compares; CPU-heavy (PBKDF2). */
  private static boolean matchesKeys(UserCredentials user, String password) {
    for (Map.Entry<String, ScramCredentials> e : user.scram().entrySet()) {
      ScramMechanism m = UserCredentials.mechanism(e.getKey());
      ScramCredentials stored = e.getValue();
      Base64.Decoder b64 = Base64.getDecoder();
      ScramCredentials derived = UserCredentials.derive(
          m, password, b64.decode(stored.salt()), stored.iterations());
      return MessageDigest.isEqual(b64.decode(derived.storedKey()), b64.decode(stored.storedKey()));
    }
    return false;
  }
}
