package dev.rosterd.c2s.session;

import dev.rosterd.c2s.sm.StreamManagementOptions;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.Vertx;
import org.jxmpp.jid.DomainBareJid;

/**
 * Builds the session layer of one c2s verticle instance. Who is online lives in the shared-data
 * {@link dev.rosterd.common.session.SessionDirectory}; the only state of the layer is which
 * sessions this instance holds, for its one event-bus inbox ({@link LocalSessions}).
 */
public final class Sessions {
  private Sessions() {}

  /**
   * The session layer for {@code domain}, which also starts clearing the sessions of nodes that
   * leave the cluster ({@link NodeDeparture}, a consumer of {@link
   * dev.rosterd.common.bus.Addresses#NODE_LEFT}).
   *
   * @param domain the domain this server serves, e.g. {@code example.com}
   * @throws IllegalArgumentException when {@code domain} is not a valid domain JID
   */
  public static SessionLayer start(Vertx vertx, String domain) {
    return start(vertx, domain, StreamManagementOptions.defaults());
  }

  /** As {@link #start(Vertx, String)}, with the {@code c2s.streamManagement} settings. */
  public static SessionLayer start(Vertx vertx, String domain, StreamManagementOptions streamManagement) {
    Jids.setUp();
    DomainBareJid served = Jids.parse(domain)
        .filter(j -> j.isDomainBareJid())
        .map(j -> j.asDomainBareJid())
        .orElseThrow(() -> new IllegalArgumentException("not a domain: " + domain));
    SessionServices services = SessionServices.of(vertx, served, streamManagement);
    SessionLifecycle lifecycle = new SessionLifecycle(services);
    new NodeDeparture(services, lifecycle).listen();
    return new ResourceBinding(services, lifecycle);
  }
}
