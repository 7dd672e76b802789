package dev.rosterd.archive;

import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.jid.Jids;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jxmpp.jid.Jid;

/**
 * A {@link MessageStore} request with its JIDs checked and normalised, so that rows of one user are
 * always found under the same owner whatever spelling the request used.
 *
 * @param to the recipient's bare JID
 * @param from the sender's JID as given (full, normalised)
 * @param fromBare the sender's bare JID
 * @param archiveFor whose archives may keep it, each the sender or the recipient, without repeats
 */
record CheckedMessage(String to, String from, String fromBare, String stanzaXml, boolean offline,
    List<String> archiveFor, boolean contacts, String stanzaId) {
  /** The longest id kept as given (ours are UUIDs). */
  private static final int MAX_ID_LENGTH = 64;


  /** Checks {@code m}; throws {@link BadRequest} naming the field at fault. */
  static CheckedMessage of(MessageStore m) {
    String to = bare("to", m.to());
    Jid from = Jids.parse(m.from()).orElseThrow(() -> new BadRequest("\"from\" is not a JID: " + m.from()));
    String fromBare = from.asBareJid().toString();
    if (m.stanzaXml() == null || m.stanzaXml().isEmpty()) {
      throw new BadRequest("no \"stanzaXml\"");
    }
    Set<String> owners = new LinkedHashSet<>();
    for (String owner : m.archiveFor()) {
      String o = bare("archiveFor", owner);
      if (!o.equals(to) && !o.equals(fromBare)) {
        throw new BadRequest("\"archiveFor\" names " + o + ", neither the sender nor the recipient");
      }
      owners.add(o);
    }
    if (m.stanzaId() != null && (m.stanzaId().isEmpty() || m.stanzaId().length() > MAX_ID_LENGTH)) {
      throw new BadRequest("\"stanzaId\" is empty or longer than " + MAX_ID_LENGTH);
    }
    return new CheckedMessage(to, from.toString(), fromBare, m.stanzaXml(), m.offline(), List.copyOf(owners),
        m.contacts(), m.stanzaId());
  }

  /** {@code value} as a normalised bare JID with a local part; throws {@link BadRequest}. */
  static String bare(String field, String value) {
    return Jids.parseBare(value)
        .orElseThrow(() -> new BadRequest("\"" + field + "\" is not a bare JID: " + value))
        .toString();
  }

  /** The request is malformed: a bug in the sender, answered with BusFailure.BAD_REQUEST. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
