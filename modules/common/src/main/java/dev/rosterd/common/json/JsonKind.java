package dev.rosterd.common.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Names the kind of a decoded JSON value in plain words, for error messages about bad input. */
public final class JsonKind {
  private JsonKind() {}

  /** "null", "an object", "an array", "a string", "a number" or "a boolean". */
  public static String of(Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof JsonObject) {
      return "an object";
    } else if (v instanceof JsonArray) {
      return "an array";
    } else if (v instanceof String) {
      return "a string";
    } else if (v instanceof Number) {
      return "a number";
    } else if (v instanceof Boolean) {
      return "a boolean";
    }
    return v.getClass().getSimpleName();
  }
}
