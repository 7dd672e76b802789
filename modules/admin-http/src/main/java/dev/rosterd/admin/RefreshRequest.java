package dev.rosterd.admin;

import dev.rosterd.common.json.JsonKind;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /roster_admin/refresh}: a JSON array of usernames (local parts). The whole
 * body is checked before anything is refreshed; the first problem is reported as {@link Invalid}
 * with a message saying what and where.
 *
 * <p>Usernames are normalised as JID local parts (PRECIS, RFC 7622: {@code Alice} is {@code
 * alice}) and duplicates, after normalisation, are refreshed and counted once, in the order of
 * their first appearance.
 */
final class RefreshRequest {
  private RefreshRequest() {}

  static List<String> usernames(Buffer body, String domain) {
    if (body == null || body.length() == 0) {
      throw new Invalid("missing body: expected a JSON array of usernames, e.g. [\"john\", \"aaron\"]");
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new Invalid("body is not valid JSON: expected an array of usernames");
    }
    if (!(decoded instanceof JsonArray names)) {
      throw new Invalid("expected a JSON array of usernames, got " + JsonKind.of(decoded));
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      Object v = names.getValue(i);
      if (!(v instanceof String s)) {
        throw new Invalid("element " + i + " is " + JsonKind.of(v) + ", not a username string");
      }
      int index = i;
      out.add(normalised(s, domain).orElseThrow(() -> new Invalid(
          "element " + index + " (" + Json.encode(s) + ") is not a valid username")));
    }
    return new ArrayList<>(out);
  }

  /** The normalised form of one username, empty when it cannot be a JID local part. */
  static Optional<String> normalised(String username, String domain) {
    return Jids.bare(username, domain).map(j -> j.getLocalpart().toString());
  }


  /** The body is not a valid refresh request; the message says why. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }
}
