package dev.rosterd.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import dev.rosterd.common.bus.ScramCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server secret behind every SCRAM salt the static provider hands out, and behind the decoy
 * keys of users it does not have. Both are HMAC-SHA-256(secret, purpose, mechanism, username), so
 * asking twice for an unknown user gives the same salt and iterations, just as for a real one
 * (RFC 5802 §9: the exchange must not tell which usernames exist), and every node of a cluster
 * gives the same answer for the same user.
 *
 * <p>The secret is {@code auth.scramSecret} when configured; otherwise the first auth instance in
 * the cluster generates one and stores it in the shared-data map {@value #MAP}, where every other
 * instance finds it ({@code putIfAbsent}). Without the key, a restart of a single node (or of the
 * whole cluster) makes a new secret, and with it new salts for everyone: configure it to keep salts
 * stable across restarts.
 */
final class ScramSecret {
  /** The shared-data map holding the generated secret. */
  static final String MAP = "rosterd.auth.secrets";
  private static final String KEY = "scramSecret";
  private static final int SALT_BYTES = 16;
  private static final int GENERATED_BYTES = 32;

  private final SecretKeySpec key;

  private ScramSecret(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The configured secret, or the cluster's generated one (made here if nobody made it yet). */
  static Future<ScramSecret> obtain(Vertx vertx, String configured) {
    if (configured != null) {
      return Future.succeededFuture(new ScramSecret(configured.getBytes(UTF_8)));
    }
    byte[] fresh = new byte[GENERATED_BYTES];
    new SecureRandom().nextBytes(fresh);
    String mine = Base64.getEncoder().encodeToString(fresh);
    return vertx.sharedData().<String, String>getAsyncMap(MAP)
        .compose(map -> map.putIfAbsent(KEY, mine))
        .map(theirs -> new ScramSecret(Base64.getDecoder().decode(theirs == null ? mine : theirs)));
  }

  /** The salt of {@code username} (normalised) for a mechanism: the same on every call and node. */
  byte[] salt(ScramMechanism m, String username) {
    return Arrays.copyOf(hmac("salt", m, username), SALT_BYTES);
  }

  /**
   * Keys for a user who has none for {@code m}: a stable salt, the configured iterations, and a
   * StoredKey and ServerKey of a SaltedPassword nobody knows a password for, so the exchange runs
   * to its end and the proof fails there, as with a wrong password.
   */
  ScramCredentials decoy(ScramMechanism m, String username, int iterations) {
    byte[] salted = ScramFunctions.hmac(m, hmac("decoy", m, username), username.getBytes(UTF_8));
    byte[] storedKey = ScramFunctions.storedKey(m, ScramFunctions.clientKey(m, salted));
    byte[] serverKey = ScramFunctions.serverKey(m, salted);
    Base64.Encoder b64 = Base64.getEncoder();
    return new ScramCredentials(true, b64.encodeToString(salt(m, username)), iterations,
        b64.encodeToString(storedKey), b64.encodeToString(serverKey));
  }

  private byte[] hmac(String purpose, ScramMechanism m, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((purpose + "\0" + m.getName() + "\0" + username).getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
