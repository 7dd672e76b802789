package dev.rosterd.testing.load;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;
import dev.rosterd.stanza.XmlEscape;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import com.ongres.scram.client.ScramClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.stream.XMLStreamException;

/**
 * One simulated XMPP user on one socket: the client side of RFC 6120 negotiation reduced to what
 * the load scenarios need (stream open, STARTTLS or direct TLS or neither, SASL PLAIN or
 * SCRAM-SHA-256, stream restart, bind), then roster get, initial presence, pushes, and message
 * pings.
 *
 * <p>Everything about one client runs on the event-loop context it was created on, so thousands of
 * clients share the few event loops of one Vert.x instance and no thread is held per client. What
 * the scenarios read across clients (push arrival, latencies) goes through thread-safe
 * {@link Observer} callbacks and {@link Latencies}.
 */
final class LoadClient {
  /** What a scenario wants to hear about while the client is online. Called on the client's context. */
  interface Observer {
    /** A roster push arrived (a set of {@code jabber:iq:roster}); {@code first} for this client's first. */
    default void pushed(LoadClient client, boolean first) {}
  }

  /** The figures of one login; {@code tls} is the protocol and cipher suite negotiated, or null without TLS. */
  record Login(long rosterNanos, int rosterItems, String tls) {}

  private final Vertx vertx;
  private final Context context;
  private final NetClient net;
  private final Target target;
  private final String domain;
  private final String user;
  private final String password;
  private final String resource;
  private final Tls tls;
  private final Sasl sasl;
  private final Map<String, Ping> pingsInFlight = new HashMap<>();
  private final Promise<Void> closed = Promise.promise();

  private NetSocket socket;
  private ServerStream stream;
  private final AwaitedReply reply;
  private String fullJid;
  private int ids;
  private volatile int pushes;
  private Observer observer = new Observer() {};
  /** Set by {@link #close}: a flood stops, so that what it queued can drain and the socket close. */
  private boolean closing;
  /** Set for an attacker (flooding or not reading): its close is not waited for. */
  private boolean attacking;

  /** Where a client connects: one node's c2s port. */
  record Target(String host, int port) {}

  /** How the stream is encrypted ({@code --tls}). */
  enum Tls { NONE, STARTTLS, DIRECT }

  /** How the client authenticates ({@code --sasl}). */
  enum Sasl { PLAIN, SCRAM_SHA_256 }

  /**
   * The STARTTLS upgrade's options: any certificate is trusted, since the harness measures what a
   * TLS login costs the server, not the chain (both servers here have self-made certificates).
   */
  static final ClientSSLOptions TRUST_ANY = new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm("");

  /** @param context the event loop this client lives on */
  LoadClient(Vertx vertx, Context context, NetClient net, Target target, String domain, String user,
      String password, String resource, long stepTimeoutMs, Tls tls, Sasl sasl) {
    this.vertx = vertx;
    this.context = context;
    this.net = net;
    this.target = target;
    this.domain = domain;
    this.user = user;
    this.password = password;
    this.resource = resource;
    this.reply = new AwaitedReply(vertx, user, stepTimeoutMs);
    this.tls = tls;
    this.sasl = sasl;
  }

  String user() {
    return user;
  }

  /** The bound full JID; null before bind. */
  String fullJid() {
    return fullJid;
  }

  Context context() {
    return context;
  }

  /** Where this client connects. */
  Target target() {
    return target;
  }

  /** How many roster pushes arrived since login (read from any thread). */
  int pushes() {
    return pushes;
  }

  /** Installs what hears about pushes; completes once it is in place. */
  Future<Void> observe(Observer o) {
    Promise<Void> set = Promise.promise();
    context.runOnContext(v -> {
      observer = o;
      set.complete();
    });
    return set.future();
  }

  /**
   * Connects and logs in: open, PLAIN, restart, bind, roster get, presence. Completes when the
   * initial presence is written, with the time from roster get to its reply.
   */
  Future<Login> login() {
    Promise<Login> done = Promise.promise();
    context.runOnContext(v -> loginSteps().onComplete(done));
    return done.future();
  }

  /** Closes the stream and the socket; completes when the socket is closed. */
  Future<Void> close() {
    context.runOnContext(v -> {
      closing = true;
      if (socket == null) {
        closed.tryComplete();
      } else {
        // A paused socket (an attacker that stopped reading) holds its close event back, and a
        // flooder's queued writes drain only at the server's stanza rate: neither is waited for.
        socket.resume();
        if (attacking) {
          closed.tryComplete();
        }
        socket.write("</stream:stream>");
        socket.close();
      }
    });
    return closed.future();
  }

  /**
   * An attacker's flood: writes {@code xml} again and again, as fast as the socket takes it (it
   * waits for the write queue to drain, so the harness's own heap stays small), until the
   * connection closes. Completes when it does.
   */
  Future<Void> flood(String xml) {
    context.runOnContext(v -> {
      attacking = true;
      floodSome(Buffer.buffer(xml.repeat(100)));
    });
    return closed.future();
  }

  private void floodSome(Buffer chunk) {
    // A few writes per turn, so that the close of a connection the server ended is seen (a closed
    // socket's write queue is never full).
    for (int i = 0; i < 16; i++) {
      if (socket == null || closing || closed.future().isComplete()) {
        return;
      }
      if (socket.writeQueueFull()) {
        socket.drainHandler(v -> floodSome(chunk));
        return;
      }
      socket.write(chunk);
    }
    context.runOnContext(v -> floodSome(chunk));
  }

  /** An attacker that never reads what is sent to it: its socket stops being read. */
  void stopReading() {
    context.runOnContext(v -> {
      attacking = true;
      socket.pause();
    });
  }

  /** Completes when the connection is gone (the server may end an attacker's stream). */
  Future<Void> gone() {
    return closed.future();
  }

  /** Sends a ping message to {@code to}, timed into {@code into} when its echo comes back. */
  void ping(String to, Latencies into) {
    context.runOnContext(v -> {
      String id = "p" + (ids++);
      pingsInFlight.put(id, new Ping(System.nanoTime(), into));
      socket.write(chat(to, id, "ping"));
    });
  }

  private Future<Login> loginSteps() {
    return net.connect(target.port(), target.host())
        .compose(s -> {
          socket = s;
          socket.handler(this::received);
          socket.closeHandler(v -> socketClosed());
          socket.exceptionHandler(e -> socket.close());
          return openStream();
        })
        .compose(features -> tls == Tls.STARTTLS ? startTls(features).compose(v -> openStream())
            : Future.succeededFuture(features))
        .compose(features -> authenticate(features))
        .compose(v -> openStream())
        .compose(v -> bind())
        .compose(v -> rosterGet())
        .map(login -> {
          socket.write("<presence/>");
          return login;
        });
  }

  private Future<Element> openStream() {
    stream = new ServerStream(this::element, this::streamClosed);
    socket.write("<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
        + " xmlns:stream='http://etherx.jabber.org/streams' to='" + XmlEscape.attribute(domain) + "' version='1.0'>");
    return expect(e -> e.is("features", Namespaces.STREAM), "stream features");
  }

  private Future<Void> startTls(Element features) {
    if (features.child("starttls", Namespaces.TLS).isEmpty()) {
      return Future.failedFuture("the server offers no STARTTLS: " + features.toXml(Namespaces.STREAM));
    }
    socket.write("<starttls xmlns='" + Namespaces.TLS + "'/>");
    return expect(e -> e.namespace().equals(Namespaces.TLS), "STARTTLS answer")
        .compose(answer -> answer.name().equals("proceed")
            ? socket.upgradeToSsl(TRUST_ANY, domain, null)
            : Future.failedFuture("STARTTLS refused: " + answer.toXml(Namespaces.CLIENT)));
  }

  private Future<Void> authenticate(Element features) {
    String mechanism = sasl == Sasl.PLAIN ? "PLAIN" : "SCRAM-SHA-256";
    boolean offered = features.child("mechanisms", Namespaces.SASL).stream()
        .flatMap(m -> m.children().stream())
        .anyMatch(m -> m.text().trim().equals(mechanism));
    if (!offered) {
      return Future.failedFuture("the server offers no SASL " + mechanism + ": " + features.toXml(Namespaces.STREAM));
    }
    return sasl == Sasl.PLAIN ? plain() : scram();
  }

  private Future<Void> plain() {
    byte[] creds = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    socket.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
        + Base64.getEncoder().encodeToString(creds) + "</auth>");
    return expect(e -> e.namespace().equals(Namespaces.SASL), "SASL outcome")
        .compose(outcome -> outcome.name().equals("success")
            ? Future.succeededFuture()
            : Future.failedFuture("SASL PLAIN failed for " + user + ": " + outcome.toXml(Namespaces.CLIENT)));
  }

  /**
   * SCRAM-SHA-256 (RFC 5802, 7677) with the ongres client. Its final message derives the salted
   * password (PBKDF2, thousands of HMACs), so that step runs on a worker thread: on the event loop
   * it would hold up the other clients of the loop and slow the harness rather than the server.
   */
  private Future<Void> scram() {
    ScramClient client = ScramClient.builder()
        .advertisedMechanisms(List.of("SCRAM-SHA-256"))
        .username(user)
        .password(password.toCharArray())
        .build();
    socket.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
        + base64(client.clientFirstMessage().toString()) + "</auth>");
    return expect(e -> e.namespace().equals(Namespaces.SASL), "SCRAM challenge")
        .compose(challenge -> saslStep(challenge, "challenge"))
        .compose(first -> vertx.executeBlocking(() -> {
          client.serverFirstMessage(first);
          return client.clientFinalMessage().toString();
        }, false))
        .compose(last -> {
          socket.write("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + base64(last) + "</response>");
          return expect(e -> e.namespace().equals(Namespaces.SASL), "SCRAM outcome");
        })
        .compose(outcome -> saslStep(outcome, "success"))
        .compose(serverFinal -> {
          try {
            client.serverFinalMessage(serverFinal);
            return Future.succeededFuture();
          } catch (Exception e) {
            return Future.failedFuture("the server's SCRAM signature does not verify for " + user + ": " + e);
          }
        });
  }

  /** The decoded text of a SASL element named {@code expected}, or a failure naming what came instead. */
  private Future<String> saslStep(Element e, String expected) {
    if (!e.name().equals(expected)) {
      return Future.failedFuture("SCRAM-SHA-256 for " + user + ": expected " + expected + ", got "
          + e.toXml(Namespaces.CLIENT));
    }
    return Future.succeededFuture(new String(Base64.getDecoder().decode(e.text().trim()), StandardCharsets.UTF_8));
  }

  private String negotiated() {
    javax.net.ssl.SSLSession session = socket.sslSession();
    return session == null ? null : session.getProtocol() + " " + session.getCipherSuite();
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private Future<Void> bind() {
    socket.write(Element.builder("iq", Namespaces.CLIENT)
        .attribute("type", "set")
        .attribute("id", "bind")
        .child(Element.builder("bind", Namespaces.BIND)
            .child(Element.builder("resource", Namespaces.BIND).text(resource).build())
            .build())
        .build()
        .toXml());
    return expect(e -> e.name().equals("iq") && "bind".equals(e.attribute("id")), "bind result")
        .compose(iq -> {
          fullJid = iq.child("bind", Namespaces.BIND)
              .flatMap(b -> b.child("jid", Namespaces.BIND))
              .map(Element::text).orElse(null);
          return fullJid != null ? Future.succeededFuture()
              : Future.failedFuture("bind failed for " + user + ": " + iq.toXml());
        });
  }

  private Future<Login> rosterGet() {
    long start = System.nanoTime();
    socket.write("<iq type='get' id='roster'><query xmlns='jabber:iq:roster'/></iq>");
    return expect(e -> e.name().equals("iq") && "roster".equals(e.attribute("id")), "roster result")
        .compose(iq -> {
          long took = System.nanoTime() - start;
          if (!"result".equals(iq.attribute("type"))) {
            return Future.failedFuture("roster get failed for " + user + ": " + iq.toXml());
          }
          int items = iq.child("query", Namespaces.ROSTER)
              .map(q -> (int) q.children().stream().filter(c -> c.name().equals("item")).count())
              .orElse(0);
          return Future.succeededFuture(new Login(took, items, negotiated()));
        });
  }

  // ---- what arrives ----

  private void received(Buffer data) {
    try {
      stream.feed(data.getBytes());
    } catch (XMLStreamException e) {
      fail("the server sent XML that does not parse: " + e.getMessage());
      socket.close();
    }
  }

  private void element(Element e) {
    if (reply.offer(e)) {
      return;
    }
    if (e.is("error", Namespaces.STREAM)) {
      fail("stream error: " + e.toXml(Namespaces.STREAM));
      return;
    }
    switch (e.name()) {
      case "iq" -> iq(e);
      case "message" -> message(e);
      default -> { } // presence of contacts coming and going: nothing to do
    }
  }

  private void iq(Element iq) {
    String type = iq.attribute("type");
    if ("set".equals(type) && iq.child("query", Namespaces.ROSTER).isPresent()) {
      // RFC 6121 §2.1.6: a push is acknowledged with an empty result.
      socket.write(result(iq).toXml());
      pushes++;
      observer.pushed(this, pushes == 1);
    } else if ("get".equals(type) || "set".equals(type)) {
      socket.write((iq.child("ping", Namespaces.PING).isPresent()
          ? result(iq)
          : StanzaError.reply(iq, StanzaError.Type.CANCEL, "service-unavailable")).toXml());
    }
  }

  private static Element result(Element iq) {
    return Element.builder("iq", Namespaces.CLIENT)
        .attribute("type", "result")
        .attribute("id", iq.attribute("id"))
        .attribute("to", iq.attribute("from"))
        .build();
  }

  private void message(Element m) {
    String id = m.attribute("id");
    String body = m.child("body", Namespaces.CLIENT).map(Element::text).orElse("");
    if (body.equals("ping") && id != null && m.attribute("from") != null) {
      socket.write(chat(m.attribute("from"), id, "pong"));
    } else if (body.equals("pong") && id != null) {
      Ping ping = pingsInFlight.remove(id);
      if (ping != null) {
        ping.into().add(System.nanoTime() - ping.sentNanos());
      }
    }
  }

  private static String chat(String to, String id, String body) {
    return Element.builder("message", Namespaces.CLIENT)
        .attribute("type", "chat")
        .attribute("to", to)
        .attribute("id", id)
        .child(Element.builder("body", Namespaces.CLIENT).text(body).build())
        .build()
        .toXml();
  }

  // ---- waiting for one reply at a time ----

  private Future<Element> expect(Predicate<Element> match, String what) {
    return reply.expect(match, what);
  }

  private void fail(String why) {
    reply.fail(why);
  }

  private void streamClosed() {
    fail("the server closed the stream");
  }

  private void socketClosed() {
    fail("the server closed the connection");
    closed.tryComplete();
  }

  /** A ping on its way: when it left and where its round trip is recorded. */
  private record Ping(long sentNanos, Latencies into) {}

}
