package dev.rosterd.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The SHA-256 of a config section with object keys in sorted order, so that the hash changes when
 * what the section says changes, and not when its keys are merely reordered.
 */
final class ConfigHash {
  private ConfigHash() {}

  static String of(JsonObject section) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(((JsonObject) canonical(section)).encode().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The same value with every object's keys in sorted order (JsonObject keeps insertion order). */
  private static Object canonical(Object v) {
    if (v instanceof JsonObject o) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      o.forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      JsonObject out = new JsonObject();
      sorted.forEach(out::put);
      return out;
    }
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(x -> out.add(canonical(x)));
      return out;
    }
    return v;
  }
}
