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
      case Resume.KIND -> new Resume(json.getString("user"), json.getString("previd"), json.getLong("h", 0L),
          json.getString("link"));
      case FromClient.KIND -> new FromClient(json.getString("link"), json.getString("xml"));
      case LinkLost.KIND -> new LinkLost(json.getString("link"), json.getBoolean("streamEnded", true));
      case StreamEnd.KIND -> new StreamEnd(json.getString("condition"), json.getString("text"));
      case OfflineWaiting.KIND -> new OfflineWaiting();
      default -> throw new IllegalArgumentException("a session message of unknown kind " + kind);
    };
  }

  /**
   * {@code {"kind": "stanza", "xml": "<message .../>"}}: a stanza, already addressed with {@code
   * from} and {@code to}, for the session to write to its client as it is. Sent without waiting
   * for an answer. The same message carries what a session writes to a stream that relays it
   * after a resumption ({@link Resume}): that stream writes it to its client as it is.
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

  /**
   * {@code {"kind": "resume", "user": bare JID, "previd": id, "h": n, "link": address}}: a new
   * stream of {@code user} asks to resume the session (XEP-0198 §5) whose {@code <enabled/>} gave
   * it {@code previd}, having handled {@code h} stanzas of it. On success the session answers
   * {@code {"jid": full JID}}, writes {@code <resumed/>} and what the client had not acknowledged
   * to the stream at {@code link} (as {@link Stanza}s), and from then on takes the client's
   * stanzas as {@link FromClient} from it; the stream that carried it before, if any, ends. Fails
   * with {@link BusFailure#NOT_FOUND} when the id is not this session's or the user is another,
   * {@link BusFailure#BAD_REQUEST} when {@code h} counts more than was sent. Sent as a request.
   *
   * @param link the address, in the new stream's c2s inbox, of the stream that now carries the
   *     session
   */
  record Resume(String user, String previd, long h, String link) implements SessionMessage {
    static final String KIND = "resume";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(SessionMessage.KIND, KIND)
          .put("user", user).put("previd", previd).put("h", h).put("link", link);
    }
  }

  /**
   * {@code {"kind": "from-client", "link": address, "xml": "<message .../>"}}: a first-level
   * element the client sent on the stream at {@code link}, which relays a resumed session; the
   * session handles it as if its own stream had read it, and ignores it when that stream no
   * longer carries it. Sent without waiting for an answer, in the order the client sent them.
   */
  record FromClient(String link, String xml) implements SessionMessage {
    static final String KIND = "from-client";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(SessionMessage.KIND, KIND).put("link", link).put("xml", xml);
    }
  }

  /**
   * {@code {"kind": "link-lost", "link": address, "streamEnded": bool}}: the stream at {@code link}
   * that relayed a resumed session is gone; when {@code streamEnded} is false (the connection
   * dropped without a closing element or stream error) the session may wait to be resumed again,
   * otherwise it ends. Ignored when that stream no longer carries the session.
   */
  record LinkLost(String link, boolean streamEnded) implements SessionMessage {
    static final String KIND = "link-lost";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(SessionMessage.KIND, KIND).put("link", link).put("streamEnded", streamEnded);
    }
  }

  /**
   * {@code {"kind": "stream-end", "condition": ..., "text": ...}}: to a stream that relays a
   * resumed session: end the stream with this stream error (RFC 6120 §4.9), e.g. {@code conflict}
   * when the session was replaced or resumed again elsewhere.
   */
  record StreamEnd(String condition, String text) implements SessionMessage {
    static final String KIND = "stream-end";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(SessionMessage.KIND, KIND).put("condition", condition).put("text", text);
    }
  }

  /**
   * {@code {"kind": "offline-waiting"}}: a message was queued offline for this session's user
   * although the session had meanwhile become available (its initial presence was processed while
   * the message was being stored, so its offline delivery may have read the queue before the
   * message was in it). An available session takes its user's offline queue again; any other
   * ignores it. Sent without waiting for an answer.
   */
  record OfflineWaiting() implements SessionMessage {
    static final String KIND = "offline-waiting";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(SessionMessage.KIND, KIND);
    }
  }
}
