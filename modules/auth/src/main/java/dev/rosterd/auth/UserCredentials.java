package dev.rosterd.auth;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One user of the {@code static} provider: a plaintext password (null when only keys are
 * configured) and SCRAM keys by mechanism name ({@code SCRAM-SHA-256}, {@code SCRAM-SHA-1}).
 */
record UserCredentials(String password, Map<String, ScramCredentials> scram) {
  /** The SCRAM mechanisms rosterd serves, strongest first; never the -PLUS variants. */
  static final ScramMechanism[] MECHANISMS = {ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_1};

  /** Checks the form of the {@code users} object, naming the offending key. */
  static void validate(JsonObject users, ConfigReader r) {
    ConfigReader section = r.section("users");
    for (String user : users.fieldNames()) {
      Object v = users.getValue(user);
      if (v instanceof String) {
        continue;
      }
      if (!(v instanceof JsonObject keys) || keys.isEmpty()) {
        throw section.invalid(user, "expected a password string or an object of SCRAM keys");
      }
      ConfigReader userSection = section.section(user);
      for (String mech : keys.fieldNames()) {
        if (mechanism(mech) == null) {
          throw userSection.invalid(mech, "expected scram-sha-256 or scram-sha-1");
        }
        ConfigReader k = userSection.section(mech);
        for (String field : new String[] {"salt", "storedKey", "serverKey"}) {
          String b64 = k.requiredString(field);
          try {
            Base64.getDecoder().decode(b64);
          } catch (IllegalArgumentException e) {
            throw k.invalid(field, "expected base64");
          }
        }
        k.integer("iterations", 0, 1, Integer.MAX_VALUE);
        if (!k.has("iterations")) {
          throw k.invalid("iterations", "is required (an integer)");
        }
        k.rejectUnknownKeys();
      }
    }
  }

  /**
   * Reads a validated entry; plaintext passwords get keys derived here (CPU-heavy: worker thread),
   * salted by {@code secret} rather than at random, so that every node of a cluster hands out the
   * same salt for the user, as it does for a user it does not have.
   */
  static UserCredentials of(String username, Object value, int iterations, ScramSecret secret) {
    Map<String, ScramCredentials> scram = new LinkedHashMap<>();
    if (value instanceof String password) {
      for (ScramMechanism m : MECHANISMS) {
        scram.put(m.getName(), derive(m, password, secret.salt(m, username), iterations));
      }
      return new UserCredentials(password, scram);
    }
    JsonObject keys = (JsonObject) value;
    for (ScramMechanism m : MECHANISMS) {
      JsonObject k = keys.getJsonObject(m.getName().toLowerCase(Locale.ROOT));
      if (k != null) {
        scram.put(m.getName(), new ScramCredentials(
            true, k.getString("salt"), k.getInteger("iterations"), k.getString("storedKey"), k.getString("serverKey")));
      }
    }
    return new UserCredentials(null, scram);
  }

  /** The RFC 5802 keys of a password; CPU-heavy (PBKDF2). */
  static ScramCredentials derive(ScramMechanism m, String password, byte[] salt, int iterations) {
    byte[] salted = ScramFunctions.saltedPassword(
        m, StringPreparation.SASL_PREPARATION, password.toCharArray(), salt, iterations);
    byte[] storedKey = ScramFunctions.storedKey(m, ScramFunctions.clientKey(m, salted));
    byte[] serverKey = ScramFunctions.serverKey(m, salted);
    Base64.Encoder b64 = Base64.getEncoder();
    return new ScramCredentials(
        true, b64.encodeToString(salt), iterations, b64.encodeToString(storedKey), b64.encodeToString(serverKey));
  }

  static ScramMechanism mechanism(String name) {
    for (ScramMechanism m : MECHANISMS) {
      if (m.getName().equalsIgnoreCase(name)) {
        return m;
      }
    }
    return null;
  }
}
