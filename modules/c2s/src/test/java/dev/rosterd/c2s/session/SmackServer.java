package dev.rosterd.c2s.session;

import dev.rosterd.auth.AuthVerticle;
import dev.rosterd.c2s.C2sVerticle;
import dev.rosterd.testing.TestTls;
import dev.rosterd.testing.XmppClients;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * A whole c2s for Smack tests of the session layer: the real auth piece with static users, a
 * {@link RosterStandIn} in place of the roster cache, and the C2sVerticle on a free port of
 * 127.0.0.1 with the test certificate (the port read back from the verticle).
 */
final class SmackServer {
  static final String PASSWORD = "secret";

  private final C2sVerticle c2s = new C2sVerticle();
  RosterStandIn cache;

  Future<SmackServer> start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  /** As {@link #start(Vertx)}, with {@code c2sOverrides} merged into the c2s config. */
  Future<SmackServer> start(Vertx vertx, JsonObject c2sOverrides) {
    JsonObject users = new JsonObject().put("alice", PASSWORD).put("bob", PASSWORD).put("carol", PASSWORD);
    JsonObject auth = new JsonObject().put("domain", TestClient.DOMAIN).put("users", users);
    JsonObject tls = new JsonObject()
        .put("certPath", TestTls.certPath().toString())
        .put("keyPath", TestTls.keyPath().toString());
    JsonObject c2sConfig = new JsonObject()
        .put("domain", TestClient.DOMAIN).put("host", "127.0.0.1").put("port", 0).put("tls", tls)
        .mergeIn(c2sOverrides);
    return RosterStandIn.start(vertx)
        .compose(standIn -> {
          cache = standIn;
          return vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(auth));
        })
        .compose(id -> vertx.deployVerticle(c2s, new DeploymentOptions().setConfig(c2sConfig)))
        .map(id -> this);
  }

  /** The STARTTLS port. */
  int port() {
    return c2s.actualPort();
  }

  /**
   * Logs {@code user} in with {@code resource} over STARTTLS and PLAIN; Smack's roster asks for the
   * roster at login, so the resource is interested in pushes.
   */
  XMPPTCPConnection login(String user, String resource) throws Exception {
    var config = XmppClients.config(TestClient.DOMAIN, c2s.actualPort(), user, PASSWORD, "PLAIN");
    XMPPTCPConnection c = new XMPPTCPConnection(config.setResource(resource).build());
    c.setReplyTimeout(XmppClients.REPLY_TIMEOUT.toMillis());
    Roster.getInstanceFor(c).setSubscriptionMode(Roster.SubscriptionMode.manual);
    c.connect();
    c.login();
    return c;
  }
}
