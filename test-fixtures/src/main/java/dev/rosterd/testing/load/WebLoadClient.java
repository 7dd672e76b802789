package dev.rosterd.testing.load;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;
import dev.rosterd.stanza.XmlEscape;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * One simulated browser user over a web transport (XMPP over WebSocket or BOSH): the login of
 * {@link LoadClient} (open, SASL PLAIN, restart, bind, roster get, initial presence) and then an
 * idle session that answers roster pushes and pings, which is what the idle-session scenarios
 * need. A subclass carries the XML; everything about one client runs on its event-loop context.
 */
abstract class WebLoadClient {
  private final Vertx vertx;
  private final Context context;
  private final String domain;
  private final String user;
  private final String password;
  private final String resource;
  private final Promise<Void> gone = Promise.promise();
  private final AwaitedReply reply;
  private volatile boolean online;

  WebLoadClient(Vertx vertx, Context context, LoadUsers users, String user, String resource, long stepTimeoutMs) {
    this.vertx = vertx;
    this.context = context;
    this.domain = users.domain();
    this.user = user;
    this.password = users.password(user);
    this.resource = resource;
    this.reply = new AwaitedReply(vertx, user, stepTimeoutMs);
  }

  // ---- what a transport provides ----

  /** Makes the connection, if the transport has one. */
  abstract Future<Void> connect();

  /** Opens the stream ({@code restart}: again, after SASL success). */
  abstract void open(boolean restart);

  /** Sends one element (namespace-qualified, as both transports need). */
  abstract void send(String xml);

  /** Ends the stream and the connection; completes when they are gone. */
  abstract Future<Void> disconnect();

  // ---- what a scenario uses ----

  /** Logs in; completes when the initial presence is sent, with the roster reply's time and size. */
  final Future<LoadClient.Login> login() {
    Promise<LoadClient.Login> done = Promise.promise();
    context.runOnContext(v -> loginSteps().onComplete(done));
    return done.future();
  }

  /** True from the initial presence until the server ends the session or the client closes it. */
  final boolean online() {
    return online;
  }

  /**
   * Whether the server still has this session: an XEP-0199 ping to the server, answered. (A BOSH
   * client with no request open would not otherwise learn that the server ended its session.)
   */
  final Future<Boolean> stillThere() {
    Promise<Boolean> there = Promise.promise();
    context.runOnContext(v -> {
      if (!online) {
        there.complete(false);
        return;
      }
      Future<Element> pong = expect(e -> e.name().equals("iq") && "held".equals(e.attribute("id")), "ping result");
      send("<iq xmlns='jabber:client' type='get' id='held' to='" + XmlEscape.attribute(domain)
          + "'><ping xmlns='urn:xmpp:ping'/></iq>");
      pong.onComplete(ar -> there.complete(ar.succeeded() && "result".equals(ar.result().attribute("type"))));
    });
    return there.future();
  }

  final Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      online = false;
      disconnect().onComplete(ar -> done.complete());
    });
    return done.future();
  }

  final Vertx vertx() {
    return vertx;
  }

  final Context context() {
    return context;
  }

  final String domain() {
    return domain;
  }

  private Future<LoadClient.Login> loginSteps() {
    return connect()
        .compose(v -> features(false))
        .compose(this::authenticate)
        .compose(v -> features(true))
        .compose(v -> bind())
        .compose(v -> rosterGet())
        .map(login -> {
          send("<presence xmlns='jabber:client'/>");
          online = !gone.future().isComplete();
          return login;
        });
  }

  private Future<Element> features(boolean restart) {
    Future<Element> f = expect(e -> e.is("features", Namespaces.STREAM), "stream features");
    open(restart);
    return f;
  }

  private Future<Void> authenticate(Element features) {
    boolean plain = features.child("mechanisms", Namespaces.SASL).stream()
        .flatMap(m -> m.children().stream())
        .anyMatch(m -> m.text().trim().equals("PLAIN"));
    if (!plain) {
      return Future.failedFuture("the server offers no SASL PLAIN: " + features.toXml(Namespaces.STREAM));
    }
    byte[] creds = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    Future<Element> outcome = expect(e -> e.namespace().equals(Namespaces.SASL), "SASL outcome");
    send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
        + Base64.getEncoder().encodeToString(creds) + "</auth>");
    return outcome.compose(o -> o.name().equals("success")
        ? Future.succeededFuture()
        : Future.failedFuture("SASL PLAIN failed for " + user + ": " + o.toXml(Namespaces.CLIENT)));
  }

  private Future<Void> bind() {
    Future<Element> answer = expect(e -> e.name().equals("iq") && "bind".equals(e.attribute("id")), "bind result");
    send("<iq xmlns='jabber:client' type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
        + XmlEscape.attribute(resource) + "</resource></bind></iq>");
    return answer.compose(iq -> iq.child("bind", Namespaces.BIND).flatMap(b -> b.child("jid", Namespaces.BIND)).isPresent()
        ? Future.succeededFuture()
        : Future.failedFuture("bind failed for " + user + ": " + iq.toXml()));
  }

  private Future<LoadClient.Login> rosterGet() {
    long start = System.nanoTime();
    Future<Element> answer = expect(e -> e.name().equals("iq") && "roster".equals(e.attribute("id")), "roster result");
    send("<iq xmlns='jabber:client' type='get' id='roster'><query xmlns='jabber:iq:roster'/></iq>");
    return answer.compose(iq -> {
      long took = System.nanoTime() - start;
      if (!"result".equals(iq.attribute("type"))) {
        return Future.failedFuture("roster get failed for " + user + ": " + iq.toXml());
      }
      int items = iq.child("query", Namespaces.ROSTER)
          .map(q -> (int) q.children().stream().filter(c -> c.name().equals("item")).count())
          .orElse(0);
      return Future.succeededFuture(new LoadClient.Login(took, items, null));
    });
  }

  // ---- what arrives ----

  /** An element of the stream, from the subclass, on the client's context. */
  final void element(Element e) {
    if (reply.offer(e)) {
      return;
    }
    if (e.is("error", Namespaces.STREAM)) {
      ended("stream error: " + e.toXml(Namespaces.STREAM));
    } else if (e.name().equals("iq")) {
      iq(e);
    }
    // Presence of contacts and messages: an idle user only receives them.
  }

  private void iq(Element iq) {
    String type = iq.attribute("type");
    boolean ackOnly = iq.child("query", Namespaces.ROSTER).isPresent() || iq.child("ping", Namespaces.PING).isPresent();
    if ("get".equals(type) || "set".equals(type)) {
      send(ackOnly ? result(iq) : StanzaError.reply(iq, StanzaError.Type.CANCEL, "service-unavailable").toXml());
    }
  }

  private static String result(Element iq) {
    return Element.builder("iq", Namespaces.CLIENT)
        .attribute("type", "result")
        .attribute("id", iq.attribute("id"))
        .attribute("to", iq.attribute("from"))
        .build()
        .toXml();
  }

  /** The server ended the session (or the connection broke): the login in progress fails. */
  final void ended(String why) {
    online = false;
    gone.tryComplete();
    reply.fail(user + ": " + why);
  }

  private Future<Element> expect(Predicate<Element> match, String what) {
    return reply.expect(match, what);
  }
}
