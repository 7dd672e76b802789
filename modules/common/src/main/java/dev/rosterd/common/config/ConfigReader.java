package dev.rosterd.common.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one config section and checks it as it goes: every getter names the key's full path in
 * its {@link ConfigException}, and {@link #rejectUnknownKeys()} catches misspelt keys, so a bad
 * config stops the process with one clear line before anything listens.
 *
 * <p>Options classes read their section with one of these in their {@code JsonObject}
 * constructor, keeping defaults as named constants beside it.
 */
public final class ConfigReader {
  private final JsonObject json;
  private final String path;
  private final Set<String> read = new HashSet<>();

  /**
   * @param json the section; null is read as an empty section
   * @param path the section's dotted path for messages, e.g. {@code c2s}; empty for the top level
   */
  public ConfigReader(JsonObject json, String path) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path;
  }

  /** The full dotted path of a key in this section. */
  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean has(String key) {
    read.add(key);
    return json.getValue(key) != null;
  }

  public String string(String key, String defaultValue) {
    return typed(key, defaultValue, String.class, "a string");
  }

  public String requiredString(String key) {
    String s = string(key, null);
    if (s == null || s.isBlank()) {
      throw new ConfigException(keyPath(key), "is required (a non-empty string)");
    }
    return s;
  }

  /** A string that must be one of {@code allowed}. */
  public String oneOf(String key, String defaultValue, String... allowed) {
    String s = string(key, defaultValue);
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw new ConfigException(
        keyPath(key), "expected one of " + String.join(", ", allowed) + ", got \"" + s + "\"");
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return (int) longValue(key, defaultValue, min, max);
  }

  public long longValue(String key, long defaultValue, long min, long max) {
    Object v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw wrong(key, "an integer from " + min + " to " + max, v);
    }
    long l = n.longValue();
    if (l < min || l > max) {
      throw wrong(key, "an integer from " + min + " to " + max, v);
    }
    return l;
  }

  public boolean bool(String key, boolean defaultValue) {
    return typed(key, defaultValue, Boolean.class, "true or false");
  }

  /** The value of {@code key} if it is a {@code type}; {@code defaultValue} when absent. */
  private <T> T typed(String key, T defaultValue, Class<T> type, String what) {
    Object v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!type.isInstance(v)) {
      throw wrong(key, what, v);
    }
    return type.cast(v);
  }

  /** A nested section, read with its own reader; absent reads as empty. */
  public ConfigReader section(String key) {
    Object v = value(key);
    if (v != null && !(v instanceof JsonObject)) {
      throw wrong(key, "an object", v);
    }
    return new ConfigReader((JsonObject) v, keyPath(key));
  }

  /** An object whose values must all be strings, e.g. extra HTTP headers. */
  public Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Object v = value(key);
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonObject o)) {
      throw wrong(key, "an object of strings", v);
    }
    for (String k : o.fieldNames()) {
      Object s = o.getValue(k);
      if (!(s instanceof String str)) {
        throw wrong(key + "." + k, "a string", s);
      }
      out.put(k, str);
    }
    return out;
  }

  public JsonArray array(String key) {
    Object v = value(key);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw wrong(key, "an array", v);
    }
    return a;
  }

  /** Fails on the first key of this section that no getter asked for. */
  public void rejectUnknownKeys() {
    for (String k : json.fieldNames()) {
      if (!read.contains(k)) {
        throw new ConfigException(keyPath(k), "unknown key");
      }
    }
  }

  /** The raw section, for hashing or passing on. */
  public JsonObject json() {
    return json;
  }

  /** A ConfigException for {@code key} of this section. */
  public ConfigException invalid(String key, String problem) {
    return new ConfigException(keyPath(key), problem);
  }

  private Object value(String key) {
    read.add(key);
    return json.getValue(key);
  }

  private ConfigException wrong(String key, String expected, Object got) {
    String shown = got instanceof String ? "\"" + got + "\"" : String.valueOf(got);
    return new ConfigException(keyPath(key), "expected " + expected + ", got " + shown);
  }
}
