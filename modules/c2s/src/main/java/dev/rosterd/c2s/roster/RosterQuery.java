package dev.rosterd.c2s.roster;

import dev.rosterd.stanza.IqReply;
import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@code jabber:iq:roster} requests (RFC 6121 §2.1.3, §2.3). A get is answered from
 * the cache, with the version (XEP-0237) and nothing else when the client already holds that
 * version. A set is refused: the web application owns the roster.
 */
public final class RosterQuery {
  private static final Logger log = LoggerFactory.getLogger(RosterQuery.class);

  private final SessionRoster roster;

  public RosterQuery(SessionRoster roster) {
    this.roster = roster;
  }

  /** The answer to a roster iq the client addressed to its own account. */
  public Future<Element> answer(Element iq) {
    if (!"get".equals(iq.attribute("type"))) {
      return Future.succeededFuture(StanzaError.reply(iq, StanzaError.Type.CANCEL, "service-unavailable"));
    }
    String known = iq.child("query", Namespaces.ROSTER).flatMap(q -> q.optAttribute("ver")).orElse(null);
    return roster.forClient(known)
        .map(snapshot -> {
          roster.markInterested();
          return reply(iq, snapshot, known);
        })
        .otherwise(e -> {
          log.info("roster of {} unavailable: {}", iq.attribute("from"), e.getMessage());
          return StanzaError.reply(iq, StanzaError.Type.WAIT, "internal-server-error");
        });
  }

  private static Element reply(Element iq, RosterSnapshot snapshot, String known) {
    if (snapshot.version() != null && snapshot.version().equals(known)) {
      // XEP-0237 §3: the client is current; changes from now on arrive as pushes.
      return IqReply.result(iq).build();
    }
    return IqReply.result(iq)
        .child(RosterXml.query(snapshot.version(), snapshot.items().stream().map(RosterXml::item).toList()))
        .build();
  }
}
