package dev.rosterd.common.bus;

import dev.rosterd.common.roster.RosterChange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A message to one bound session at {@link Addresses#SESSION_PREFIX}{@code <id>}, sent through
 * {@link dev.rosterd.common.session.SessionAddressing}. One record per kind; the JSON form carries
 * the kind in {@value #KIND} so that {@link #fromJson} knows which record to read.
 */
public sealed interface SessionMessage {
  /** The key of the kind in the JSON form. */
  String KIND = "kind";

  /** The JSON form, {@code {"kind": ..., ...}}. */
  JsonObject toJson();

  /**
   * Reads any session message.
   *
   * @throws IllegalArgumentException for a missing or unknown kind (a bug in the sender)
   */
  static SessionMessage fromJson(JsonObject json) {
    String kind = json == null ? null : json.getString(KIND);
    if (kind == null) {
      throw new IllegalArgumentException("a session message without kind");
    }
    return switch (kind) {
      case Stanza.KIND -> new Stanza(json.getString("xml"));
      case RosterChanged.KIND -> new RosterChanged(
          json.getString("version"), RosterChange.fromJson(json.getJsonArray("changes", new JsonArray())));
      case Probe.KIND -> new Probe(json.getString("from"));
      case Replaced.KIND -> new Replaced();
      default -> throw new IllegalArgumentException("a session message of unknown kind " + kind);
    };
  }

  /**
   * {@code {"kind": "stanza", "xml": "<message .../>"}}: a stanza, already addressed with {@code
   * from} and {@code to}, for the session to write to its client as it is. Sent without waiting
   * for an answer.
   */
  record Stanza(String xml) implements SessionMessage {
    static final String KIND = "stanza";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(SessionMessage.KIND, KIND).put("xml", xml);
    }
  }

  /**
   * {@code {"kind": "roster-push", "version": "...", "changes": [RosterChange...]}}: the cached
   * roster changed (sent by the roster cache); the session pushes each change to its client if it
   * asked for the roster, and updates presence with added and removed contacts.
   */
  record RosterChanged(String version, List<RosterChange> changes) implements SessionMessage {
    static final String KIND = "roster-push";

    /**
     * Reads a message that must be a roster push.
     *
     * @throws IllegalArgumentException for any other kind
     */
    public static RosterChanged fromJson(JsonObject json) {
      if (SessionMessage.fromJson(json) instanceof RosterChanged pushed) {
        return pushed;
      }
      throw new IllegalArgumentException("not a roster push: " + json.getString(SessionMessage.KIND));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject()
          .put(SessionMessage.KIND, KIND)
          .put("version", version)
          .put("changes", RosterChange.toJson(changes));
    }
  }

  /**
   * {@code {"kind": "probe", "from": full JID}}: a contact's session came online or was just added;
   * if this session is available, it sends its current presence to {@code from}.
   */
  record Probe(String from) implements SessionMessage {
    static final String KIND = "probe";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(SessionMessage.KIND, KIND).put("from", from);
    }
  }

  /**
   * {@code {"kind": "replaced"}}: another session bound the same full JID (RFC 6120 §7.7.2.2);
   * this one leaves routing, answers the request with an empty object, and ends with the {@code
   * <conflict/>} stream error. Sent as a request, so that the newcomer waits (bounded) for it.
   */
  record Replaced() implements SessionMessage {
    static final String KIND = "replaced";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(SessionMessage.KIND, KIND);
    }
  }
}
