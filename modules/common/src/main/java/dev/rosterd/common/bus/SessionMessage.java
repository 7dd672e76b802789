package dev.rosterd.common.bus;

import dev.rosterd.common.roster.RosterChange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Messages to one bound session at {@link Addresses#SESSION_PREFIX}{@code <id>}, told apart by
 * {@code kind}:
 *
 * <ul>
 *   <li>{@code {"kind": "stanza", "xml": "<message .../>"}}: a stanza, already addressed with
 *       {@code from} and {@code to}, for the session to write to its client as it is.
 *   <li>{@code {"kind": "roster-push", "version": "...", "changes": [RosterChange...]}}: the
 *       cached roster changed; the session pushes each change to its client if it asked for the
 *       roster, and updates presence with added and removed contacts.
 *   <li>{@code {"kind": "probe", "from": full JID}}: a contact's session came online or was just
 *       added; if this session is available, it sends its current presence to {@code from}.
 *   <li>{@code {"kind": "replaced"}}: another session bound the same full JID (RFC 6120
 *       §7.7.2.2); this one ends with the {@code <conflict/>} stream error.
 * </ul>
 */
public final class SessionMessage {
  private SessionMessage() {}

  public static final String KIND = "kind";
  public static final String STANZA = "stanza";
  public static final String ROSTER_PUSH = "roster-push";
  public static final String PROBE = "probe";
  public static final String REPLACED = "replaced";

  public static JsonObject stanza(String xml) {
    return new JsonObject().put(KIND, STANZA).put("xml", xml);
  }

  public static JsonObject rosterPush(String version, List<RosterChange> changes) {
    return new JsonObject()
        .put(KIND, ROSTER_PUSH)
        .put("version", version)
        .put("changes", RosterChange.toJson(changes));
  }

  public static JsonObject probe(String fromFullJid) {
    return new JsonObject().put(KIND, PROBE).put("from", fromFullJid);
  }

  public static JsonObject replaced() {
    return new JsonObject().put(KIND, REPLACED);
  }

  public static List<RosterChange> changes(JsonObject rosterPush) {
    return RosterChange.fromJson(rosterPush.getJsonArray("changes", new JsonArray()));
  }
}
