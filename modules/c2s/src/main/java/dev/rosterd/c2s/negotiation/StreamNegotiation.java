package dev.rosterd.c2s.negotiation;

import dev.rosterd.c2s.sasl.Credentials;
import dev.rosterd.c2s.sasl.SaslNegotiation;
import dev.rosterd.c2s.sm.SmNonzas;
import dev.rosterd.c2s.session.BoundSession;
import dev.rosterd.c2s.session.ClientLink;
import dev.rosterd.c2s.session.ResumptionRefused;
import dev.rosterd.c2s.session.SessionLayer;
import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamHeader;
import dev.rosterd.c2s.transport.Transport;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream, over whichever {@link Transport} carries it: negotiation (STARTTLS where the
 * transport has it, SASL, stream restarts, resource binding) in the order RFC 6120 fixes, then the
 * bound session's stanzas. All of it runs on the transport's Vert.x context.
 *
 * <p>Events are taken through {@link StreamInput}: one at a time, never while a step is pending,
 * and no more per turn and per second than is fair to the other streams.
 *
 * <p>First-level elements are checked before they reach the session layer (RFC 6120 §4.9.3.21):
 * anything but a {@code jabber:client} message, presence or iq, or a STARTTLS or SASL element,
 * ends the stream with {@code <unsupported-stanza-type/>}; a negotiation element once the stream
 * is authenticated with {@code <policy-violation/>} (there is no renegotiation); a stanza before
 * binding with {@code <not-authorized/>}.
 */
public final class StreamNegotiation implements ClientLink {
  private static final Logger LOG = LoggerFactory.getLogger(StreamNegotiation.class);

  private final Transport transport;
  private final StreamPolicy options;
  private final SessionLayer sessions;
  private final SaslNegotiation sasl;
  private final StreamFeatures features;
  private final StreamMeters meters;
  private final StreamDeadlines deadlines;
  private final StreamOutput output;
  private final StreamInput input;
  private final Promise<Void> closed = Promise.promise();

  private Stage stage;
  private List<String> offered = List.of();
  private EntityBareJid user;
  private BoundSession session;

  public StreamNegotiation(
      Vertx vertx, Transport transport, StreamPolicy options, SessionLayer sessions, Credentials credentials,
      StreamMeters meters) {
    this.transport = transport;
    this.options = options;
    this.sessions = sessions;
    this.meters = meters;
    this.sasl = new SaslNegotiation(credentials, options.domain(), options.maxAuthAttempts(), transport.peerHost());
    this.features = new StreamFeatures(credentials, options.requireEncryption());
    this.output = new StreamOutput(transport, options.domain(), this::notReading);
    this.input = new StreamInput(vertx, transport, new StanzaRate(options.stanzasPerSecond(), options.stanzaBurst()),
        this::dispatch, this::closeWithStreamError, output::ended);
    this.stage = transport.secure() ? Stage.SECURED : Stage.CONNECTED;
    this.deadlines = new StreamDeadlines(
        vertx, options.authTimeoutSeconds(), options.idleTimeoutSeconds(), this::closeWithStreamError, this::ping);
  }

  /** Starts reading; the returned future completes once the connection is closed, for any reason. */
  public Future<Void> start() {
    transport.start(this::readable, this::transportClosed);
    return closed.future();
  }

  /** Ends the stream because the server is stopping; completes once the connection is closed. */
  public Future<Void> shutDown() {
    closeWithStreamError(StreamError.SYSTEM_SHUTDOWN, null);
    return closed.future();
  }

  @Override
  public void send(Element stanza) {
    output.write(stanza.toXml());
  }

  @Override
  public void sendXml(String xml) {
    output.write(xml);
  }

  @Override
  public void closeWithStreamError(String condition, String text) {
    if (!output.ended()) {
      LOG.debug("closing {} with stream error {} ({})", transport.peer(), condition, text);
      meters.streamError(condition);
      output.fail(new StreamError(condition, text));
    }
  }

  /**
   * What waits to be written to this client passed the transport's bound: it is not reading. Its
   * stream ends here, so that senders are never held up by it and its backlog cannot grow the heap
   * (RFC 6120 §4.9.3.15: the server lacks the resources to service the stream).
   */
  private void notReading() {
    if (!output.ended()) {
      LOG.info("{} ({}) is not reading what is sent to it: its stream ends", transport.peer(), user);
      meters.streamError(StreamError.RESOURCE_CONSTRAINT);
      output.abort(new StreamError(StreamError.RESOURCE_CONSTRAINT, "too much is waiting to be sent to you"));
    }
  }

  @Override
  public Context context() {
    return transport.context();
  }

  /** XEP-0199 §4.2: the server pings a bound client that has been silent; its answer counts as input. */
  private void ping() {
    if (stage == Stage.BOUND && !output.ended()) {
      send(Element.builder("iq", Namespaces.CLIENT)
          .attribute("type", "get").attribute("id", "ping-" + Long.toHexString(System.nanoTime()))
          .attribute("from", options.domain()).attribute("to", session.jid().toString())
          .child(Element.builder("ping", Namespaces.PING).build()).build());
    }
  }

  private void readable() {
    deadlines.read();
    input.drain();
  }

  private void dispatch(StreamEvent event) {
    if (event instanceof StreamEvent.Opened opened) {
      opened(opened.header());
    } else if (event instanceof StreamEvent.Stanza s) {
      stanza(s.element());
    } else {
      LOG.debug("{} closed its stream", transport.peer());
      output.close();
    }
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
    if (stage == Stage.CONNECTED && !transport.canStartTls() && options.requireEncryption()) {
      // Neither encrypted nor able to become so (a plain WebSocket not said to be behind a TLS
      // proxy): no mechanism may be offered (RFC 6120 §5.3.1), so nothing could ever log in here.
      throw new StreamError(StreamError.POLICY_VIOLATION, "this server requires encryption, and this connection is not encrypted");
    }
    output.open(header.lang());
    input.await(features.at(stage, transport.canStartTls()).map(offer -> {
      offered = offer.mechanisms();
      output.write(transport.framing().features(offer.features()));
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
    FirstLevel kind = FirstLevel.of(e);
    if (kind == FirstLevel.UNSUPPORTED) {
      throw new StreamError(StreamError.UNSUPPORTED_STANZA_TYPE,
          "not a stanza: " + e.name() + " in " + (e.namespace().isEmpty() ? "no namespace" : e.namespace()));
    }
    if (kind == FirstLevel.NEGOTIATION && (stage == Stage.AUTHENTICATED || stage == Stage.BOUND)) {
      throw new StreamError(StreamError.POLICY_VIOLATION, "the stream is already authenticated");
    }
    switch (stage) {
      case CONNECTED, SECURED -> negotiate(e);
      case AUTHENTICATED -> {
        if (kind == FirstLevel.STREAM_MANAGEMENT) {
          streamManagementBeforeBind(e);
        } else {
          bind(e);
        }
      }
      case BOUND -> session.handle(e);
      default -> throw new IllegalStateException();
    }
  }

  private void negotiate(Element e) {
    if (e.is("starttls", Namespaces.TLS) && stage == Stage.CONNECTED && transport.canStartTls()) {
      startTls();
    } else if (e.is("auth", Namespaces.SASL)) {
      boolean encryptionMissing = options.requireEncryption() && !transport.secure();
      input.await(sasl.auth(e, offered, encryptionMissing).map(this::saslOutcome));
    } else if (e.is("response", Namespaces.SASL)) {
      input.await(sasl.response(e).map(this::saslOutcome));
    } else if (e.is("abort", Namespaces.SASL)) {
      saslOutcome(sasl.abort());
    } else {
      throw new StreamError(StreamError.NOT_AUTHORIZED, null);
    }
  }

  private void startTls() {
    output.restarted();
    String proceed = Element.builder("proceed", Namespaces.TLS).build().toXml(Namespaces.CLIENT);
    input.hold(transport.startTls(proceed), ar -> {
      if (ar.failed()) {
        LOG.debug("TLS handshake with {} failed: {}", transport.peer(), ar.cause().toString());
        output.end();
        transport.close();
        return;
      }
      stage = stage.then(Stage.SECURED);
      input.drain();
    });
  }

  private SaslNegotiation.Outcome saslOutcome(SaslNegotiation.Outcome outcome) {
    if (outcome.user() != null || outcome.reply().name().equals("failure")) {
      meters.login(loginResult(outcome));
    }
    if (outcome.user() != null) {
      user = outcome.user();
      stage = stage.then(Stage.AUTHENTICATED);
      deadlines.authenticated();
      // RFC 6120 §6.4.6: the stream restarts after success; the client waits for <success/>
      // before sending the new header, so nothing of the new stream is lost here.
      transport.restartStream(true);
      output.restarted();
      output.write(outcome.reply().toXml(Namespaces.CLIENT));
      return outcome;
    }
    output.write(outcome.reply().toXml(Namespaces.CLIENT));
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

  // ---- resumption (XEP-0198 §5), instead of binding ----

  private void streamManagementBeforeBind(Element e) {
    if (!e.name().equals("resume")) {
      // §3: <enable/> only once a resource is bound; acks only once enabled.
      sendXml(SmNonzas.failed("unexpected-request"));
      return;
    }
    Optional<Long> h = SmNonzas.count(e);
    String previd = e.attribute("previd");
    if (h.isEmpty() || previd == null) {
      sendXml(SmNonzas.failed("bad-request"));
      return;
    }
    input.await(sessions.resume(user, previd, h.get(), this)
        .map(resumed -> {
          bound(resumed);
          return resumed;
        })
        .recover(failure -> {
          String condition = failure instanceof ResumptionRefused r ? r.condition() : "item-not-found";
          sendXml(SmNonzas.failed(condition));
          return Future.succeededFuture();
        }));
  }

  // ---- resource binding (RFC 6120 §7) ----

  private void bind(Element iq) {
    String resource = BindRequest.resource(iq);
    input.await(sessions.bind(user, resource, this)
        .map(bound -> {
          bound(iq, bound);
          return bound;
        })
        .recover(e -> {
          send(BindRequest.failure(iq, e));
          return Future.succeededFuture();
        }));
  }

  private void bound(Element iq, BoundSession bound) {
    if (bound(bound)) {
      send(BindRequest.result(iq, bound.jid()));
    }
  }

  /** The stream carries {@code bound} from now on; false when the connection went meanwhile. */
  private boolean bound(BoundSession bound) {
    if (output.ended()) {
      // The connection went while the bind was in flight: the session must not outlive it.
      bound.closed();
      return false;
    }
    session = bound;
    meters.sessionBound();
    stage = stage.then(Stage.BOUND);
    return true;
  }

  // ---- closing ----

  /**
   * The connection is gone. When the stream had ended first (a closing element or a stream error,
   * either way) the session ends with it; when it simply dropped, a resumable session may wait for
   * the client to come back (XEP-0198).
   */
  private void transportClosed() {
    boolean streamEnded = output.ended();
    output.end();
    deadlines.cancel();
    BoundSession s = session;
    session = null;
    if (s == null) {
      closed.tryComplete();
      return;
    }
    meters.sessionEnded();
    (streamEnded ? s.closed() : s.connectionLost()).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("cleaning up the session of {} failed", s.jid(), ar.cause());
      }
      closed.tryComplete();
    });
  }
}
