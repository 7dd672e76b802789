package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Request on {@link Addresses#ARCHIVE_STORE}: keep one message the server accepted, in the
 * recipient's offline queue and/or in the archives of the users it names.
 *
 * <p>JSON: {@code {"to": bare JID, "from": full JID, "stanzaXml": "<message .../>", "offline": bool,
 * "archiveFor": [bare JID...], "contacts": bool, "stanzaId": id (optional)}}.
 *
 * <p>Consumer: the archive piece. Reply {@link MessageStored}, sent only after the write has
 * committed. Fails with {@link BusFailure#BAD_REQUEST} for a JID that is not one, {@link
 * BusFailure#RESOURCE_CONSTRAINT} when {@code offline} and the recipient's offline queue already
 * holds {@code archive.offlineCapPerUser} messages (nothing is then written, not even to the
 * archives), and {@link BusFailure#UNAVAILABLE} with a text naming the store when the database
 * cannot take the write (down, full, read-only); nothing is half-written.
 *
 * @param to the recipient, a bare JID
 * @param from the sender, a full JID (a bare JID is accepted)
 * @param stanzaXml the message stanza as XML text, stored and given back as is
 * @param offline whether to queue it for the recipient's next initial presence (XEP-0160)
 * @param archiveFor the local users (bare JIDs; the sender's, the recipient's or both) whose archive
 *     (XEP-0313) may keep it; each one's archive preferences decide
 * @param contacts whether sender and recipient are contacts (the web application's roster says
 *     so): what the preference {@code roster} asks
 * @param stanzaId the XEP-0359 id the message already has from an earlier store (a message
 *     delivered to a session whose client never acknowledged it, queued offline after the fact),
 *     kept rather than a new one so that the client sees one id in its offline messages and its
 *     archive; null for a new id
 */
public record MessageStore(
    String to, String from, String stanzaXml, boolean offline, List<String> archiveFor, boolean contacts,
    String stanzaId) {

  public MessageStore {
    archiveFor = archiveFor == null ? List.of() : List.copyOf(archiveFor);
  }

  /** A message stored for the first time: the archive gives it a new id. */
  public MessageStore(String to, String from, String stanzaXml, boolean offline, List<String> archiveFor,
      boolean contacts) {
    this(to, from, stanzaXml, offline, archiveFor, contacts, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("to", to).put("from", from).put("stanzaXml", stanzaXml)
        .put("offline", offline).put("archiveFor", new JsonArray(archiveFor)).put("contacts", contacts);
    return stanzaId == null ? json : json.put("stanzaId", stanzaId);
  }

  /** Reads the request; a field of the wrong type throws {@link ClassCastException}. */
  public static MessageStore fromJson(JsonObject j) {
    return new MessageStore(j.getString("to"), j.getString("from"), j.getString("stanzaXml"),
        j.getBoolean("offline", false), Records.strings(j.getJsonArray("archiveFor")),
        j.getBoolean("contacts", false), j.getString("stanzaId"));
  }
}
