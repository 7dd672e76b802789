package dev.rosterd.fetcher;

import dev.rosterd.common.json.JsonKind;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.roster.RosterItem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the web application's answer to a roster GET: a JSON object whose keys are contact JIDs and
 * whose values are {@code {"name": "...", "groups": [...] | {"Group": ...}}}.
 *
 * <p>The body as a whole must be a JSON object, else the fetch fails and nothing is cached. One bad
 * entry (a key that is not a bare JID, a value of the wrong shape) is skipped with a warning naming
 * the user and the key, so one typo in the web application does not cost a user the whole roster.
 * Keys are logged JSON-quoted, so control characters in them cannot forge log lines.
 *
 * <p>Everything kept goes into XML sent to clients: characters XML 1.0 forbids ({@link XmlChars})
 * are removed from names and groups, with a warning naming the user and the contact, and a JID
 * holding one is skipped (PRECIS already rejects most).
 *
 * <p>A contact is any bare JID, with or without a local part: RFC 6121 §2.1.1 roster items are bare
 * JIDs and a domain JID (a gateway, a service) is a valid contact. Full JIDs are rejected. Keys that
 * normalise to the same JID keep the first entry.
 */
final class BackendRoster {
  private static final Logger LOG = LoggerFactory.getLogger(BackendRoster.class);

  private BackendRoster() {}

  /** The items of {@code body}; throws {@link NotARoster} when the body is not a JSON object. */
  static List<RosterItem> parse(String username, Buffer body) {
    Object decoded;
    try {
      decoded = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new NotARoster("body is not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (!(decoded instanceof JsonObject contacts)) {
      throw new NotARoster("body is not a JSON object but " + JsonKind.of(decoded));
    }
    Map<String, RosterItem> items = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : contacts) {
      Optional<RosterItem> item = item(username, e.getKey(), e.getValue());
      if (item.isEmpty()) {
        continue;
      }
      if (items.putIfAbsent(item.get().jid(), item.get()) != null) {
        LOG.warn("roster of {}: skipped entry {}: another key names the same JID {}",
            username, Json.encode(e.getKey()), item.get().jid());
      }
    }
    return List.copyOf(items.values());
  }

  private static Optional<RosterItem> item(String username, String key, Object value) {
    Optional<Jid> jid = Jids.parse(key).filter(Jid::hasNoResource);
    String problem = null;
    if (jid.isEmpty()) {
      problem = "the key is not a bare JID";
    } else if (!XmlChars.isClean(jid.get().toString())) {
      problem = "the JID holds characters XML 1.0 forbids";
    } else if (!(value instanceof JsonObject contact)) {
      problem = "the value is " + JsonKind.of(value) + ", not an object";
    } else {
      Object name = contact.getValue("name");
      List<String> groups = groups(contact.getValue("groups"));
      if (name != null && !(name instanceof String)) {
        problem = "\"name\" is " + JsonKind.of(name) + ", not a string";
      } else if (groups == null) {
        problem = "\"groups\" is neither an array of strings nor an object";
      } else {
        return Optional.of(cleaned(username, jid.get().toString(), (String) name, groups));
      }
    }
    LOG.warn("roster of {}: skipped entry {}: {}", username, Json.encode(key), problem);
    return Optional.empty();
  }

  /**
   * The item with the characters XML 1.0 forbids removed from its name and groups; a name or group
   * left empty is dropped, as an empty one is.
   */
  private static RosterItem cleaned(String username, String jid, String name, List<String> groups) {
    String n = name == null ? null : XmlChars.clean(name);
    Set<String> g = new LinkedHashSet<>();
    for (String group : groups) {
      String clean = XmlChars.clean(group);
      if (!clean.isEmpty()) {
        g.add(clean);
      }
    }
    if (n != name || !g.equals(new LinkedHashSet<>(groups))) {
      LOG.warn("roster of {}: contact {}: removed characters XML 1.0 forbids from its name or groups", username, jid);
    }
    return new RosterItem(jid, n == null || n.isEmpty() ? null : n, new ArrayList<>(g));
  }

  /** Group names from an array of strings or the keys of an object; null when neither. */
  private static List<String> groups(Object value) {
    Iterable<?> names;
    if (value == null) {
      return List.of();
    } else if (value instanceof JsonArray a) {
      names = a;
    } else if (value instanceof JsonObject o) {
      names = o.fieldNames();
    } else {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object g : names) {
      if (!(g instanceof String s)) {
        return null;
      }
      // RFC 6121 §2.1.2.4: a group element is never empty; an empty name means "no group".
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return new ArrayList<>(out);
  }


  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The body cannot be read as a roster at all. */
  static final class NotARoster extends RuntimeException {
    NotARoster(String message) {
      super(message, null, false, false);
    }
  }
}
