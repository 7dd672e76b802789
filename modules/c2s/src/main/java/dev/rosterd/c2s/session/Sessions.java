package dev.rosterd.c2s.session;

import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.session.SessionDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import org.jxmpp.jid.EntityBareJid;

/**
 * The session layer of one c2s verticle: binds resources and hands back the bound sessions that
 * handle every stanza afterwards. Holds no state of its own beyond what it is built with; who is
 * online lives in the shared-data {@link SessionDirectory}.
 */
public final class Sessions implements SessionLayer {
  private final ResourceBinding binding;

  /**
   * @param domain the domain this server serves, e.g. {@code example.com}
   */
  public Sessions(Vertx vertx, String domain) {
    Jids.setUp();
    Objects.requireNonNull(domain, "domain");
    this.binding = new ResourceBinding(new SessionContext(vertx, domain, new SessionDirectory(vertx)));
  }

  @Override
  public Future<BoundSession> bind(EntityBareJid user, String requestedResource, ClientLink link) {
    return binding.bind(user, requestedResource, link);
  }
}
