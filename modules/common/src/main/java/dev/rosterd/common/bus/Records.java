package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** What several message records read alike: lists of strings. */
final class Records {
  private Records() {}

  /** The strings of {@code a}; empty when absent; a non-string element throws ClassCastException. */
  static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      for (int i = 0; i < a.size(); i++) {
        out.add((String) a.getValue(i));
      }
    }
    return out;
  }
}
