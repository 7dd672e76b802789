package dev.rosterd.c2s.session;

import dev.rosterd.c2s.iq.IqReply;
import dev.rosterd.c2s.iq.ServerIq;
import dev.rosterd.c2s.roster.RosterQuery;
import dev.rosterd.c2s.routing.Recipient;
import dev.rosterd.common.xml.Element;
import dev.rosterd.common.xml.Namespaces;
import dev.rosterd.common.xml.StanzaError;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.Set;

/**
 * Where a client's iq goes: the roster and the server's own services when addressed to the server
 * or the user's account (RFC 6120 §10.3.3, §10.4), routing otherwise. Results and errors for the
 * server (answers to roster pushes) end here.
 */
final class IqHandling {
  private static final Set<String> TYPES = Set.of("get", "set", "result", "error");

  private final ClientSession session;
  private final SessionContext server;
  private final RosterQuery rosterQuery;

  IqHandling(ClientSession session, SessionContext server, RosterQuery rosterQuery) {
    this.session = session;
    this.server = server;
    this.rosterQuery = rosterQuery;
  }

  void handle(Element iq, Recipient to) {
    String type = iq.attribute("type");
    if (type == null || !TYPES.contains(type)) {
      // RFC 6120 §8.2.3: the type is required and one of four.
      session.send(StanzaError.reply(iq, StanzaError.Type.MODIFY, "bad-request"));
      return;
    }
    boolean forServer = to.kind() == Recipient.Kind.SERVER;
    if (!forServer && to.kind() != Recipient.Kind.OWN_ACCOUNT) {
      session.inOrder(iq, () -> server.iqs().route(iq, to));
      return;
    }
    if (!IqReply.isRequest(iq)) {
      return;
    }
    if (!forServer && iq.children().size() == 1 && iq.children().get(0).is("query", Namespaces.ROSTER)) {
      // Not queued: a roster get may wait for the web application, and nothing after it should.
      session.sendLater(rosterQuery.answer(iq).map(Optional::of));
      return;
    }
    session.inOrder(iq, () -> Future.succeededFuture(Optional.of(ServerIq.answer(iq, forServer))));
  }
}
