package dev.rosterd.c2s.iq;

import dev.rosterd.c2s.routing.IqRouting;
import dev.rosterd.c2s.routing.Recipient;
import dev.rosterd.c2s.session.port.SessionPort;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.IqReply;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a client's iq goes: the roster and the server's own services when addressed to the server
 * or the user's account (RFC 6120 §10.3.3, §10.4), routing otherwise. Results and errors for the
 * server (answers to roster pushes) end here.
 */
public final class ClientIq {
  private static final Set<String> TYPES = Set.of("get", "set", "result", "error");

  private final SessionPort session;
  private final IqRouting routing;
  private final Function<Element, Future<Element>> rosterQuery;
  private final AccountIq account;

  /**
   * @param rosterQuery answers the client's {@code jabber:iq:roster} requests (the roster package's
   *     {@code RosterQuery}, which owns that protocol)
   * @param account the other protocols the session answers for the account (carbons, archive)
   */
  public ClientIq(SessionPort session, IqRouting routing, Function<Element, Future<Element>> rosterQuery,
      AccountIq account) {
    this.session = session;
    this.routing = routing;
    this.rosterQuery = rosterQuery;
    this.account = account;
  }

  /** Handles an iq the client sent, its {@code from} already stamped. */
  public void handle(Element iq, Recipient to) {
    String type = iq.attribute("type");
    if (type == null || !TYPES.contains(type)) {
      // RFC 6120 §8.2.3: the type is required and one of four.
      session.send(StanzaError.reply(iq, StanzaError.Type.MODIFY, "bad-request"));
      return;
    }
    boolean forServer = to.kind() == Recipient.Kind.SERVER;
    if (!forServer && to.kind() != Recipient.Kind.OWN_ACCOUNT) {
      session.inOrder(iq, () -> routing.route(iq, to));
      return;
    }
    if (!IqReply.isRequest(iq)) {
      return;
    }
    if (!forServer && iq.children().size() == 1 && iq.children().get(0).is("query", Namespaces.ROSTER)) {
      // Not queued: a roster get may wait for the web application, and nothing after it should.
      session.sendWhenReady(rosterQuery.apply(iq).map(Optional::of));
      return;
    }
    Optional<Function<Element, Future<List<String>>>> handler = account.handler(iq, forServer);
    if (handler.isPresent()) {
      session.inOrderXml(iq, () -> handler.get().apply(iq));
      return;
    }
    session.inOrder(iq, () -> Future.succeededFuture(Optional.of(ServerIq.answer(iq, forServer))));
  }
}
