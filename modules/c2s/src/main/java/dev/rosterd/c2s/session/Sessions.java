package dev.rosterd.c2s.session;

import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;

/**
 * The session layer of one c2s verticle instance: binds resources and hands back the bound sessions
 * that handle every stanza afterwards. Who is online lives in the shared-data {@link
 * dev.rosterd.common.session.SessionDirectory}; the only state here is which sessions this instance
 * holds, for its one event-bus inbox ({@link LocalSessions}). It also clears the sessions of nodes
 * that leave the cluster ({@link NodeDeparture}).
 */
public final class Sessions implements SessionLayer {
  private final ResourceBinding binding;

  /**
   * @param domain the domain this server serves, e.g. {@code example.com}
   * @throws IllegalArgumentException when {@code domain} is not a valid domain JID
   */
  public Sessions(Vertx vertx, String domain) {
    Jids.setUp();
    DomainBareJid served = Jids.parse(domain)
        .filter(j -> j.isDomainBareJid())
        .map(j -> j.asDomainBareJid())
        .orElseThrow(() -> new IllegalArgumentException("not a domain: " + domain));
    SessionContext context = SessionContext.of(vertx, served);
    this.binding = new ResourceBinding(context);
    new NodeDeparture(context).listen();
  }

  @Override
  public Future<BoundSession> bind(EntityBareJid user, String requestedResource, ClientLink link) {
    return binding.bind(user, requestedResource, link);
  }
}
