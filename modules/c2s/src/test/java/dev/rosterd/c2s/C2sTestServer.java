package dev.rosterd.c2s;

import dev.rosterd.auth.AuthVerticle;
import dev.rosterd.testing.RawXmppClient;
import dev.rosterd.testing.TestTls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A c2s for tests: the real auth piece (static users alice/wonderland and bob/builder) and a
 * C2sVerticle on 127.0.0.1, a free port, with the test certificate. The port is read back with
 * {@link C2sVerticle#actualPort()}.
 */
public final class C2sTestServer {
  public static final String DOMAIN = "rosterd.test";

  public final C2sVerticle verticle;
  public String deploymentId;

  public C2sTestServer() {
    this(new C2sVerticle());
  }

  /** With a verticle made by the test, e.g. around a session layer it watches. */
  public C2sTestServer(C2sVerticle verticle) {
    this.verticle = verticle;
  }

  /** The c2s config the tests start from; {@code overrides} replace its keys. */
  public static JsonObject config(JsonObject overrides) {
    JsonObject tls = new JsonObject()
        .put("certPath", TestTls.certPath().toString())
        .put("keyPath", TestTls.keyPath().toString());
    return new JsonObject().put("domain", DOMAIN).put("host", "127.0.0.1").put("port", 0)
        .put("tls", tls).mergeIn(overrides);
  }

  /** Deploys the auth piece and the c2s. */
  public Future<C2sTestServer> start(Vertx vertx, JsonObject overrides) {
    JsonObject users = new JsonObject().put("alice", "wonderland").put("bob", "builder");
    JsonObject auth = new JsonObject().put("domain", DOMAIN).put("users", users);
    return vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(auth))
        .compose(id -> vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config(overrides))))
        .map(id -> {
          deploymentId = id;
          return this;
        });
  }

  /** Deploys the c2s alone, as when the auth piece is down. */
  public Future<C2sTestServer> startWithoutAuth(Vertx vertx) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config(new JsonObject())))
        .map(id -> {
          deploymentId = id;
          return this;
        });
  }

  public Future<C2sTestServer> start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  public int port() {
    return verticle.actualPort();
  }

  /**
   * Asserts that {@code received} (what the server sent before closing) ends the stream with the
   * stream error {@code condition} and {@code </stream:stream>}, as RFC 6120 §4.9.1 orders.
   */
  public static void assertStreamError(String received, String condition) {
    String error = "<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>";
    if (!received.contains(error) || !received.endsWith("</stream:error></stream:stream>")) {
      throw new AssertionError("expected stream error " + condition + ", got: " + received);
    }
  }

  /** The {@code <auth/>} element for SASL PLAIN with these credentials. */
  public static String plainAuth(String user, String password) {
    return RawXmppClient.plainAuth(user, password);
  }

  /**
   * Opens a stream on {@code c}, upgrades it with STARTTLS and opens the stream again; returns the
   * features of the secured stream.
   */
  public static String secure(RawXmppClient c) throws Exception {
    c.openStream(DOMAIN);
    c.startTls();
    return c.openStream(DOMAIN);
  }

  /**
   * {@link #secure}, then SASL PLAIN as {@code user} and the stream restart after success; returns
   * the features of the authenticated stream.
   */
  public static String authenticate(RawXmppClient c, String user, String password) throws Exception {
    return c.authenticate(DOMAIN, user, password);
  }

  /** {@link #authenticate}, then binds {@code resource}: {@code c} is a bound session of {@code user}. */
  public static RawXmppClient bound(RawXmppClient c, String user, String password, String resource) throws Exception {
    c.authenticate(DOMAIN, user, password);
    c.bind(resource);
    return c;
  }

  /** Pings the server (XEP-0199) and waits for the answer: the session is alive and read. */
  public static void ping(RawXmppClient c, String id) throws Exception {
    c.send("<iq type='get' id='" + id + "' to='" + DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
    String upToId = c.expect("id='" + id + "'");
    String reply = upToId.substring(Math.max(0, upToId.lastIndexOf("<iq"))) + c.expect(">");
    if (!reply.startsWith("<iq") || !reply.contains("type='result'")) {
      throw new AssertionError("expected the answer to ping " + id + ", got: " + reply);
    }
  }
}
