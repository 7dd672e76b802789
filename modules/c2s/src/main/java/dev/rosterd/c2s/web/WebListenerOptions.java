package dev.rosterd.c2s.web;

import dev.rosterd.c2s.transport.bosh.BoshPolicy;
import dev.rosterd.common.config.ConfigReader;
import io.netty.util.NetUtil;
import dev.rosterd.common.http.HttpListenerLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code c2s.web} section: the c2s's public HTTP listener for browsers (XMPP over WebSocket,
 * RFC 7395; BOSH, XEP-0124 and XEP-0206; XEP-0156 connection discovery). Absent, there is no such
 * listener.
 *
 * <pre>{@code
 * "web": {
 *   "host": "127.0.0.1", "port": 5290, "behindTlsProxy": true,
 *   "publicWebSocketUrl": "wss://chat.example.com/xmpp-websocket",
 *   "publicBoshUrl": "https://chat.example.com/http-bind",
 *   "allowedOrigins": ["https://app.example.com"]
 * }
 * }</pre>
 */
public final class WebListenerOptions {
  /** Default of {@code host}: loopback, for a reverse proxy on the same machine; bind 0.0.0.0 to serve browsers directly. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default of {@code port} without {@code tls}: 5290 (5280 is the admin router's). */
  public static final int DEFAULT_PORT = 5290;
  /** Default of {@code port} with {@code tls}: 5443. */
  public static final int DEFAULT_TLS_PORT = 5443;
  /** Default of {@code path}: where clients open the WebSocket, as Prosody and ejabberd have it. */
  public static final String DEFAULT_PATH = "/xmpp-websocket";
  /** Default of {@code pingSeconds}: under the 60 s proxies such as nginx wait for upstream data. */
  public static final int DEFAULT_PING_SECONDS = 30;
  /** Default of {@code maxConnections}: open HTTP and WebSocket connections of this listener on the node. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  /** Default of {@code requestReadTimeoutMs}: time to send the whole request (the WebSocket handshake). */
  public static final int DEFAULT_REQUEST_READ_TIMEOUT_MS = 10_000;
  /** Default of {@code idleTimeoutSeconds}: a connection with no byte either way this long is closed. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 120;
  /** Default of {@code maxHeaderBytes}: the largest request head. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
  /** Default of {@code boshPath}: where BOSH clients POST, the path the reference setup proxies. */
  public static final String DEFAULT_BOSH_PATH = "/http-bind";
  /** Default of {@code boshMaxWaitSeconds}: under the 60 s proxies such as nginx wait for upstream data. */
  public static final int DEFAULT_BOSH_MAX_WAIT_SECONDS = 50;
  /** Default of {@code boshMaxHold}: one request held, which is what every browser client asks for. */
  public static final int DEFAULT_BOSH_MAX_HOLD = 1;
  /** Default of {@code boshInactivitySeconds}: time a page has to send its next request (a reload) before its session ends. */
  public static final int DEFAULT_BOSH_INACTIVITY_SECONDS = 60;
  /** Default of {@code boshMaxRequests}: the rid window, one more than {@code boshMaxHold}. */
  public static final int DEFAULT_BOSH_MAX_REQUESTS = 2;
  /** An entry of {@code allowedOrigins} that lets every origin in. */
  public static final String ANY_ORIGIN = "*";

  private final String host;
  private final int port;
  private final boolean tls;
  private final boolean behindTlsProxy;
  private final String path;
  private final String publicWebSocketUrl;
  private final String publicBoshUrl;
  private final List<String> allowedOrigins;
  private final int pingSeconds;
  private final HttpListenerLimits limits;
  private final List<String> trustedProxies;
  private final String boshPath;
  private final BoshPolicy bosh;

  /** Reads {@code r}, the {@code c2s.web} section. */
  public WebListenerOptions(ConfigReader r) {
    host = r.string("host", DEFAULT_HOST);
    tls = r.bool("tls", false);
    port = r.integer("port", tls ? DEFAULT_TLS_PORT : DEFAULT_PORT, 0, 65535);
    behindTlsProxy = r.bool("behindTlsProxy", false);
    path = r.string("path", DEFAULT_PATH);
    if (!path.startsWith("/") || path.startsWith("/.well-known/")) {
      throw r.invalid("path", "must start with / and not be under /.well-known/");
    }
    publicWebSocketUrl = url(r, "publicWebSocketUrl", "ws", "wss");
    publicBoshUrl = url(r, "publicBoshUrl", "http", "https");
    allowedOrigins = origins(r);
    pingSeconds = r.integer("pingSeconds", DEFAULT_PING_SECONDS, 1, 3600);
    limits = limits(r, pingSeconds);
    boshPath = r.string("boshPath", DEFAULT_BOSH_PATH);
    if (!boshPath.startsWith("/") || boshPath.startsWith("/.well-known/") || boshPath.equals(path)) {
      throw r.invalid("boshPath", "must start with /, not be under /.well-known/ and differ from path");
    }
    bosh = bosh(r, limits.idleTimeoutSeconds());
    trustedProxies = trustedProxies(r, behindTlsProxy);
    r.rejectUnknownKeys();
  }

  private static BoshPolicy bosh(ConfigReader r, int idleSeconds) {
    // The default gives way to a short idleTimeoutSeconds; a value set by hand must fit under it.
    int maxWait = r.integer("boshMaxWaitSeconds", Math.min(DEFAULT_BOSH_MAX_WAIT_SECONDS, idleSeconds - 1), 1, 3600);
    if (maxWait >= idleSeconds) {
      throw r.invalid("boshMaxWaitSeconds", maxWait + " s would let idleTimeoutSeconds (" + idleSeconds
          + ") cut the connection of a held request; it must be below it");
    }
    int maxHold = r.integer("boshMaxHold", DEFAULT_BOSH_MAX_HOLD, 0, 16);
    int inactivity = r.integer("boshInactivitySeconds", DEFAULT_BOSH_INACTIVITY_SECONDS, 1, 3600);
    int maxRequests = r.integer("boshMaxRequests", Math.max(DEFAULT_BOSH_MAX_REQUESTS, maxHold + 1), 1, 17);
    if (maxRequests <= maxHold) {
      throw r.invalid("boshMaxRequests", maxRequests + " leaves a client holding boshMaxHold (" + maxHold
          + ") requests no request to send with; it must exceed boshMaxHold");
    }
    return new BoshPolicy(maxWait, maxHold, inactivity, maxRequests);
  }

  private static List<String> trustedProxies(ConfigReader r, boolean behindTlsProxy) {
    if (!r.has("trustedProxies")) {
      return behindTlsProxy ? List.of("127.0.0.1", "::1") : List.of();
    }
    List<String> proxies = new ArrayList<>();
    for (Object o : r.array("trustedProxies")) {
      if (!(o instanceof String s) || !(NetUtil.isValidIpV4Address(s) || NetUtil.isValidIpV6Address(s))) {
        throw r.invalid("trustedProxies", "\"" + o + "\" is not an IP address such as 10.0.0.5");
      }
      proxies.add(s);
    }
    return List.copyOf(proxies);
  }

  private static String url(ConfigReader r, String key, String plain, String secure) {
    String value = r.string(key, null);
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals(plain) || scheme.equals(secure)) && uri.getHost() != null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw r.invalid(key, "\"" + value + "\" is not a " + plain + ":// or " + secure + ":// URL with a host");
  }

  private static List<String> origins(ConfigReader r) {
    List<String> out = new ArrayList<>();
    for (Object o : r.array("allowedOrigins")) {
      if (!(o instanceof String s) || !(s.equals(ANY_ORIGIN) || isOrigin(s))) {
        throw r.invalid("allowedOrigins", "\"" + o + "\" is not an origin such as https://app.example.com"
            + " (scheme, host and port, no path) or \"*\"");
      }
      out.add(s.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  private static boolean isOrigin(String s) {
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme();
      return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
          && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static HttpListenerLimits limits(ConfigReader r, int pingSeconds) {
    int maxConnections = r.integer("maxConnections", DEFAULT_MAX_CONNECTIONS, 1, 1_000_000);
    int readTimeoutMs = r.integer("requestReadTimeoutMs", DEFAULT_REQUEST_READ_TIMEOUT_MS, 1, 3_600_000);
    int idleSeconds = r.integer("idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT_SECONDS, 1, 86_400);
    if (idleSeconds <= pingSeconds) {
      throw r.invalid("idleTimeoutSeconds", idleSeconds + " s would cut idle WebSockets between two pings;"
          + " it must exceed pingSeconds (" + pingSeconds + ")");
    }
    int maxHeaderBytes = r.integer("maxHeaderBytes", DEFAULT_MAX_HEADER_BYTES, 256, 1024 * 1024);
    return new HttpListenerLimits(maxConnections, readTimeoutMs, idleSeconds, maxHeaderBytes);
  }

  /** {@code host}: the address the web listener binds. */
  public String host() {
    return host;
  }

  /** {@code port}: the listener's port; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** {@code tls}: HTTPS and wss:// with the c2s's certificate ({@code c2s.tls}). Default false. */
  public boolean tls() {
    return tls;
  }

  /**
   * {@code behindTlsProxy}: the operator's word that a TLS-terminating reverse proxy is in front,
   * so a plain-HTTP connection counts as encrypted ({@code requireEncryption} is met and SASL PLAIN
   * is offered). Default false. Only true when nothing but the proxy can reach the listener.
   */
  public boolean behindTlsProxy() {
    return behindTlsProxy;
  }

  /** Whether streams on this listener count as encrypted: {@code tls} or {@code behindTlsProxy}. */
  public boolean secure() {
    return tls || behindTlsProxy;
  }

  /** {@code path}: the WebSocket endpoint. Default {@value #DEFAULT_PATH}. */
  public String path() {
    return path;
  }

  /**
   * {@code publicWebSocketUrl}: the WebSocket URL host-meta announces, as browsers reach it
   * (through the proxy). Default: made from the request's {@code Host} and this listener's scheme.
   */
  public Optional<String> publicWebSocketUrl() {
    return Optional.ofNullable(publicWebSocketUrl);
  }

  /**
   * {@code publicBoshUrl}: the BOSH URL host-meta announces, as browsers reach it (through the
   * proxy). Default: made from the request's {@code Host} and this listener's scheme.
   */
  public Optional<String> publicBoshUrl() {
    return Optional.ofNullable(publicBoshUrl);
  }

  /**
   * {@code allowedOrigins}: the origins (e.g. {@code https://app.example.com}) whose pages may open
   * a WebSocket here and read host-meta; {@code "*"} allows every origin. Default none: only
   * clients that send no {@code Origin} (non-browser clients) are let in.
   */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  /** {@code pingSeconds}: how often the server pings each WebSocket. Default {@value #DEFAULT_PING_SECONDS}. */
  public int pingSeconds() {
    return pingSeconds;
  }

  /** {@code boshPath}: the BOSH endpoint (XEP-0206). Default {@value #DEFAULT_BOSH_PATH}. */
  public String boshPath() {
    return boshPath;
  }

  /**
   * {@code boshMaxWaitSeconds} (default {@value #DEFAULT_BOSH_MAX_WAIT_SECONDS}, or one less than a
   * shorter {@code idleTimeoutSeconds}; always below it), {@code boshMaxHold} (default {@value #DEFAULT_BOSH_MAX_HOLD}), {@code
   * boshInactivitySeconds} (default {@value #DEFAULT_BOSH_INACTIVITY_SECONDS}) and {@code
   * boshMaxRequests} (default {@value #DEFAULT_BOSH_MAX_REQUESTS}, above {@code boshMaxHold}).
   */
  public BoshPolicy bosh() {
    return bosh;
  }

  /** {@code maxConnections}, {@code requestReadTimeoutMs}, {@code idleTimeoutSeconds}, {@code maxHeaderBytes}. */
  /**
   * {@code trustedProxies}: the addresses whose {@code X-Forwarded-For} header is believed to name
   * the browser, for per-address limits. Default {@code ["127.0.0.1", "::1"]} with {@code
   * behindTlsProxy} (a proxy on this host), none otherwise.
   */
  public List<String> trustedProxies() {
    return trustedProxies;
  }

  public HttpListenerLimits limits() {
    return limits;
  }
}
