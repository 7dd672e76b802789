package dev.rosterd.c2s.connection;

import dev.rosterd.c2s.C2sOptions;
import dev.rosterd.c2s.sasl.Credentials;
import dev.rosterd.c2s.sasl.SaslNegotiation;
import dev.rosterd.c2s.session.BindFailure;
import dev.rosterd.c2s.session.BoundSession;
import dev.rosterd.c2s.session.ClientLink;
import dev.rosterd.c2s.session.SessionLayer;
import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamHeader;
import dev.rosterd.c2s.stream.XmppStreamParser;
import dev.rosterd.c2s.tls.ServerCertificate;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.xml.Element;
import dev.rosterd.common.xml.Namespaces;
import dev.rosterd.common.xml.StanzaError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket and its stream: negotiation (STARTTLS, SASL, stream restarts, resource
 * binding) in the order RFC 6120 fixes, then the bound session's stanzas. All of it runs on the
 * connection's Vert.x context.
 *
 * <p>Stanzas are taken one at a time: while an asynchronous step is pending (a credential check, a
 * bind, the TLS handshake) parsing stops and the socket is paused, and it resumes where it left
 * off, so a later stanza can never overtake the step before it.
 */
public final class ClientConnection implements ClientLink {
  private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Context context;
  private final NetSocket socket;
  private final C2sOptions options;
  private final ServerCertificate certificate;
  private final SessionLayer sessions;
  private final SaslNegotiation sasl;
  private final StreamFeatures features;
  private final StreamMeters meters;
  private final Promise<Void> closed = Promise.promise();

  private Stage stage;
  private XmppStreamParser parser;
  private boolean headerSent;
  private boolean busy;
  private boolean closing;
  private List<String> offered = List.of();
  private EntityBareJid user;
  private BoundSession session;
  private long lastRead = System.nanoTime();
  private long idleTimer;
  private long authTimer;

  /**
   * @param secured true on the direct TLS port, where TLS is in place from the first byte
   */
  public ClientConnection(
      Vertx vertx, NetSocket socket, boolean secured, C2sOptions options,
      ServerCertificate certificate, SessionLayer sessions, Credentials credentials,
      StreamMeters meters) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.socket = socket;
    this.options = options;
    this.certificate = certificate;
    this.sessions = sessions;
    this.meters = meters;
    this.sasl = new SaslNegotiation(
        credentials, options.domain(), options.maxAuthAttempts(), socket.remoteAddress().hostAddress());
    this.features = new StreamFeatures(credentials, options.requireEncryption());
    this.stage = secured ? Stage.SECURED : Stage.CONNECTED;
    this.parser = newParser();
  }

  /** Starts reading; the returned future completes once the socket is closed, for any reason. */
  public Future<Void> start() {
    socket.handler(this::received);
    socket.closeHandler(v -> socketClosed());
    socket.exceptionHandler(e -> {
      LOG.debug("connection {} failed: {}", socket.remoteAddress(), e.toString());
      socket.close();
    });
    authTimer = vertx.setTimer(options.authTimeoutSeconds() * 1000L,
        t -> closeWithStreamError(StreamError.CONNECTION_TIMEOUT, "not authenticated in time"));
    armIdleTimer(options.idleTimeoutSeconds() * 1000L);
    return closed.future();
  }

  /** Ends the stream because the server is stopping; completes once the socket is closed. */
  public Future<Void> shutDown() {
    closeWithStreamError(StreamError.SYSTEM_SHUTDOWN, null);
    return closed.future();
  }

  @Override
  public void send(Element stanza) {
    write(stanza.toXml());
  }

  @Override
  public void sendXml(String xml) {
    write(xml);
  }

  @Override
  public void closeWithStreamError(String condition, String text) {
    if (closing) {
      return;
    }
    LOG.debug("closing {} with stream error {} ({})", socket.remoteAddress(), condition, text);
    meters.streamError(condition);
    StringBuilder out = new StringBuilder();
    if (!headerSent) {
      // RFC 6120 §4.9.1.1: the error goes in a stream, so open one first if we had not.
      out.append(StreamHeader.response(options.domain(), newId(), null));
      headerSent = true;
    }
    out.append(new StreamError(condition, text).toXml()).append(StreamHeader.CLOSE);
    closing = true;
    socket.write(out.toString());
    socket.close();
  }

  @Override
  public Context context() {
    return context;
  }

  private void write(String xml) {
    if (!closing) {
      socket.write(xml);
    }
  }

  private void received(Buffer data) {
    lastRead = System.nanoTime();
    if (closing) {
      return;
    }
    parser.feed(data.getBytes());
    drain();
  }

  /** Handles parsed events until input runs out or an asynchronous step starts. */
  private void drain() {
    while (!busy && !closing) {
      StreamEvent event;
      try {
        event = parser.next();
      } catch (StreamError e) {
        closeWithStreamError(e.condition(), e.text());
        return;
      }
      if (event == null) {
        return;
      }
      try {
        dispatch(event);
      } catch (StreamError e) {
        closeWithStreamError(e.condition(), e.text());
      } catch (RuntimeException e) {
        LOG.warn("failed to handle a stanza from {}", socket.remoteAddress(), e);
        closeWithStreamError(StreamError.INTERNAL_SERVER_ERROR, null);
      }
    }
  }

  private void dispatch(StreamEvent event) {
    if (event instanceof StreamEvent.Opened opened) {
      opened(opened.header());
    } else if (event instanceof StreamEvent.Stanza s) {
      stanza(s.element());
    } else {
      LOG.debug("{} closed its stream", socket.remoteAddress());
      write(StreamHeader.CLOSE);
      closing = true;
      socket.close();
    }
  }

  /** Waits for an asynchronous step before taking the next stanza. */
  private void await(Future<?> step) {
    busy = true;
    socket.pause();
    step.onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        LOG.warn("negotiation step failed on {}", socket.remoteAddress(), ar.cause());
        closeWithStreamError(StreamError.INTERNAL_SERVER_ERROR, null);
        return;
      }
      if (!closing) {
        socket.resume();
        drain();
      }
    });
  }

  // ---- stream header and features (RFC 6120 §4.3) ----

  private void opened(StreamHeader header) {
    if (!Namespaces.CLIENT.equals(header.contentNamespace())) {
      throw new StreamError(StreamError.INVALID_NAMESPACE, null);
    }
    if (header.to() != null && !servesDomain(header.to())) {
      throw new StreamError(StreamError.HOST_UNKNOWN, null);
    }
    if (header.version() == null || !header.version().startsWith("1.")) {
      throw new StreamError(StreamError.UNSUPPORTED_VERSION, null);
    }
    write(StreamHeader.response(options.domain(), newId(), header.lang()));
    headerSent = true;
    await(features.at(stage).map(offer -> {
      offered = offer.mechanisms();
      write(offer.toXml());
      return offer;
    }));
  }

  private boolean servesDomain(String to) {
    Optional<Jid> jid = Jids.parse(to);
    Optional<Jid> ours = Jids.parse(options.domain());
    return jid.isPresent() && jid.get().isDomainBareJid() && jid.equals(ours);
  }

  // ---- first-level elements by stage ----

  private void stanza(Element e) {
    switch (stage) {
      case CONNECTED, SECURED -> negotiate(e);
      case AUTHENTICATED -> bind(e);
      case BOUND -> session.handle(e);
      default -> throw new IllegalStateException();
    }
  }

  private void negotiate(Element e) {
    if (e.is("starttls", Namespaces.TLS) && stage == Stage.CONNECTED) {
      startTls();
    } else if (e.is("auth", Namespaces.SASL)) {
      boolean encryptionMissing = options.requireEncryption() && stage == Stage.CONNECTED;
      await(sasl.auth(e, offered, encryptionMissing).map(this::saslOutcome));
    } else if (e.is("response", Namespaces.SASL)) {
      await(sasl.response(e).map(this::saslOutcome));
    } else if (e.is("abort", Namespaces.SASL)) {
      saslOutcome(sasl.abort());
    } else {
      throw new StreamError(StreamError.NOT_AUTHORIZED, null);
    }
  }

  private void startTls() {
    // Anything the client sent after <starttls/> in plain text is dropped with the old parser
    // (RFC 6120 §5.4.3.3 has the stream restart; keeping it would allow command injection).
    parser = newParser();
    headerSent = false;
    busy = true;
    // <proceed/> goes out as the upgrade message: Vert.x writes it after it has stopped reading,
    // just before the TLS handler goes in, so the client's ClientHello cannot reach us as text.
    Buffer proceed = Buffer.buffer(Element.builder("proceed", Namespaces.TLS).build().toXml(Namespaces.CLIENT));
    socket.upgradeToSsl(certificate.sslOptions(), (String) null, proceed).onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        LOG.debug("TLS handshake with {} failed: {}", socket.remoteAddress(), ar.cause().toString());
        closing = true;
        socket.close();
        return;
      }
      stage = stage.then(Stage.SECURED);
      drain();
    });
  }

  private SaslNegotiation.Outcome saslOutcome(SaslNegotiation.Outcome outcome) {
    if (outcome.user() != null || outcome.reply().name().equals("failure")) {
      meters.login(loginResult(outcome));
    }
    if (outcome.user() != null) {
      user = outcome.user();
      stage = stage.then(Stage.AUTHENTICATED);
      vertx.cancelTimer(authTimer);
      // RFC 6120 §6.4.6: the stream restarts after success; the client waits for <success/>
      // before sending the new header, so nothing of the new stream is lost here.
      parser = newParser();
      headerSent = false;
      write(outcome.reply().toXml(Namespaces.CLIENT));
      return outcome;
    }
    write(outcome.reply().toXml(Namespaces.CLIENT));
    if (outcome.retriesExhausted()) {
      closeWithStreamError(StreamError.POLICY_VIOLATION, "too many failed authentication attempts");
    }
    return outcome;
  }

  /** {@code success}, or the condition of the {@code <failure/>} (RFC 6120 §6.5). */
  private static String loginResult(SaslNegotiation.Outcome outcome) {
    return outcome.user() != null
        ? "success"
        : outcome.reply().firstChild().map(Element::name).orElse("failure");
  }

  // ---- resource binding (RFC 6120 §7) ----

  private void bind(Element iq) {
    Optional<Element> request = iq.child("bind", Namespaces.BIND);
    if (!iq.is("iq", Namespaces.CLIENT) || !"set".equals(iq.attribute("type")) || request.isEmpty()) {
      throw new StreamError(StreamError.NOT_AUTHORIZED, null);
    }
    String resource = request.get().child("resource", Namespaces.BIND)
        .map(r -> r.text().trim()).filter(r -> !r.isEmpty()).orElse(null);
    await(sessions.bind(user, resource, this)
        .map(bound -> {
          bound(iq, bound);
          return bound;
        })
        .recover(e -> {
          bindFailed(iq, e);
          return Future.succeededFuture();
        }));
  }

  private void bound(Element iq, BoundSession bound) {
    if (closing) {
      // The socket went while the bind was in flight: the session must not outlive it.
      bound.closed();
      return;
    }
    session = bound;
    meters.sessionBound();
    stage = stage.then(Stage.BOUND);
    Element jid = Element.builder("jid", Namespaces.BIND).text(bound.jid().toString()).build();
    send(Element.builder("iq", Namespaces.CLIENT)
        .attribute("id", iq.attribute("id"))
        .attribute("type", "result")
        .child(Element.builder("bind", Namespaces.BIND).child(jid).build())
        .build());
  }

  private void bindFailed(Element iq, Throwable e) {
    if (e instanceof BindFailure f) {
      send(StanzaError.reply(iq, f.errorType(), f.condition(), f.getMessage()));
    } else {
      LOG.warn("binding a resource for {} failed", user, e);
      send(StanzaError.reply(iq, StanzaError.Type.WAIT, "internal-server-error"));
    }
  }

  // ---- timers and closing ----

  private void armIdleTimer(long delayMillis) {
    idleTimer = vertx.setTimer(Math.max(1, delayMillis), t -> {
      long idleMillis = (System.nanoTime() - lastRead) / 1_000_000;
      long limit = options.idleTimeoutSeconds() * 1000L;
      if (idleMillis >= limit) {
        closeWithStreamError(StreamError.CONNECTION_TIMEOUT, "idle for too long");
      } else {
        armIdleTimer(limit - idleMillis);
      }
    });
  }

  private void socketClosed() {
    closing = true;
    vertx.cancelTimer(authTimer);
    vertx.cancelTimer(idleTimer);
    BoundSession s = session;
    session = null;
    if (s == null) {
      closed.tryComplete();
      return;
    }
    meters.sessionEnded();
    s.closed().onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("cleaning up the session of {} failed", s.jid(), ar.cause());
      }
      closed.tryComplete();
    });
  }

  private XmppStreamParser newParser() {
    return new XmppStreamParser(options.maxStanzaBytes(), C2sOptions.MAX_DEPTH);
  }

  private static String newId() {
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
