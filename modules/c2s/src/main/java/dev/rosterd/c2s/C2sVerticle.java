package dev.rosterd.c2s;

import dev.rosterd.c2s.negotiation.StreamMeters;
import dev.rosterd.c2s.negotiation.StreamNegotiation;
import dev.rosterd.c2s.sasl.Credentials;
import dev.rosterd.c2s.session.SessionLayer;
import dev.rosterd.c2s.session.Sessions;
import dev.rosterd.c2s.tls.ServerCertificate;
import dev.rosterd.c2s.transport.TcpListener;
import dev.rosterd.c2s.transport.Transport;
import dev.rosterd.c2s.transport.bosh.BoshSession;
import dev.rosterd.c2s.transport.websocket.WebSocketTransport;
import dev.rosterd.c2s.web.WebListener;
import dev.rosterd.c2s.web.WebListenerOptions;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-to-server listener: accepts XMPP clients on {@code port} (STARTTLS) and, when set,
 * {@code directTlsPort} (XEP-0368), one {@link StreamNegotiation} over a {@link TcpTransport} per
 * socket, with one session layer per verticle instance. With a {@code web} section, browsers connect
 * to a {@link WebListener} too, one {@link StreamNegotiation} over a {@link WebSocketTransport} per
 * WebSocket. See {@link C2sOptions} for the config.
 *
 * <p>The bound ports are logged at info and readable with {@link #actualPort()} and {@link
 * #actualDirectTlsPort()} once deployed, so {@code "port": 0} (a free port) works in tests.
 *
 * <p>On stop every open stream ends with {@code <system-shutdown/>}, the sessions waiting to be
 * resumed (XEP-0198) end too, and stop completes once all sockets are closed.
 */
public final class C2sVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(C2sVerticle.class);
  /** Headroom of a WebSocket frame over {@code maxStanzaBytes}, so an oversized stanza gets its stream error. */
  private static final int FRAME_HEADROOM = 65_536;
  /** What a BOSH {@code <body/>} may hold beyond one stanza of {@code maxStanzaBytes}: its own tags and attributes. */
  private static final int BODY_HEADROOM = 1024;

  private final Set<StreamNegotiation> streams = new LinkedHashSet<>();
  private final List<TcpListener> listeners = new ArrayList<>();
  private volatile int actualPort = -1;
  private volatile int actualDirectTlsPort = -1;
  private volatile int actualWebPort = -1;
  private WebListener web;
  private StreamMeters webMeters;
  private StreamMeters boshMeters;
  private final BiFunction<Vertx, String, SessionLayer> sessionLayer;
  private C2sOptions options;
  private ServerCertificate certificate;
  private SSLEngineOptions tlsEngine;
  private SessionLayer sessions;
  private Credentials credentials;
  private StreamMeters meters;

  public C2sVerticle() {
    this(null);
  }

  /**
   * For tests that watch the seam: {@code sessionLayer} makes the session layer from (vertx,
   * domain); null for the real one, {@link Sessions}.
   */
  public C2sVerticle(BiFunction<Vertx, String, SessionLayer> sessionLayer) {
    this.sessionLayer = sessionLayer;
  }

  /** The port the STARTTLS listener is bound to; -1 before start completed. */
  public int actualPort() {
    return actualPort;
  }

  /** The port the direct TLS listener is bound to; -1 when off or before start completed. */
  public int actualDirectTlsPort() {
    return actualDirectTlsPort;
  }

  /** The port the web listener ({@code c2s.web}) is bound to; -1 when off or before start completed. */
  public int actualWebPort() {
    return actualWebPort;
  }

  @Override
  public Future<?> start() {
    Jids.setUp();
    options = new C2sOptions(config());
    sessions = sessionLayer == null
        ? Sessions.start(vertx, options.domain(), options.streamManagement())
        : sessionLayer.apply(vertx, options.domain());
    credentials = new Credentials(vertx);
    meters = new StreamMeters(vertx);
    return ServerCertificate.load(vertx, options.certificateFiles()).compose(cert -> {
      certificate = cert;
      tlsEngine = options.tlsEngine().options();
      Future<Integer> plain = listen(options.port(), null).onSuccess(p -> actualPort = p);
      Future<Integer> direct = options.directTlsPort() < 0 ? Future.succeededFuture(-1)
          : listen(options.directTlsPort(), cert.keyCertOptions()).onSuccess(p -> actualDirectTlsPort = p);
      Future<Integer> browsers = options.web().map(this::listenForBrowsers).orElse(Future.succeededFuture(-1));
      return Future.all(plain, direct, browsers).mapEmpty();
    });
  }

  private Future<Integer> listenForBrowsers(WebListenerOptions webOptions) {
    if (options.requireEncryption() && !webOptions.secure()) {
      LOG.warn("c2s.web is plain HTTP (neither c2s.web.tls nor c2s.web.behindTlsProxy) while c2s.requireEncryption"
          + " is true: no browser can log in over it");
    }
    webMeters = new StreamMeters(vertx, StreamMeters.WEBSOCKET);
    boshMeters = new StreamMeters(vertx, StreamMeters.BOSH);
    BoshSession.Settings bosh = new BoshSession.Settings(options.domain(), webOptions.bosh(),
        options.maxStanzaBytes() + BODY_HEADROOM, options.maxStanzaBytesBeforeAuth() + BODY_HEADROOM,
        webOptions.secure(), options.maxOutboundBytes());
    web = new WebListener(vertx, webOptions, certificate.keyCertOptions(), options.maxStanzaBytes() + FRAME_HEADROOM,
        (socket, peerHost) -> acceptWebSocket(webOptions, socket, peerHost), bosh, options.streamLimits(),
        session -> run(session, boshMeters));
    return web.listen(options.domain()).onSuccess(p -> actualWebPort = p);
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    for (StreamNegotiation stream : List.copyOf(streams)) {
      closing.add(stream.shutDown());
    }
    return Future.join(closing).transform(done -> sessions.shutDown()).transform(done -> {
      List<Future<Void>> closed = new ArrayList<>();
      listeners.forEach(l -> closed.add(l.close()));
      if (web != null) {
        closed.add(web.close());
      }
      return Future.join(closed);
    });
  }

  private Future<Integer> listen(int port, KeyCertOptions directTls) {
    TcpListener listener = new TcpListener(vertx, options.host(), port, directTls, certificate.sslOptions(), tlsEngine,
        options.streamLimits(), options.maxOutboundBytes(), transport -> run(transport, meters));
    listeners.add(listener);
    return listener.listen(options.domain());
  }

  private void acceptWebSocket(WebListenerOptions webOptions, ServerWebSocket socket, String peerHost) {
    Transport transport = new WebSocketTransport(socket, vertx.getOrCreateContext(),
        options.streamLimits(), webOptions.secure(), options.maxOutboundBytes(), webOptions.pingSeconds(), peerHost);
    run(transport, webMeters);
  }

  private void run(Transport transport, StreamMeters streamMeters) {
    StreamNegotiation stream = new StreamNegotiation(vertx, transport, options.streamPolicy(), sessions, credentials,
        streamMeters);
    streams.add(stream);
    stream.start().onComplete(v -> streams.remove(stream));
  }
}
