package dev.rosterd.c2s;

import dev.rosterd.c2s.negotiation.StreamPolicy;
import dev.rosterd.c2s.stream.StreamLimits;
import dev.rosterd.c2s.tls.CertificateFiles;
import dev.rosterd.c2s.tls.TlsEngine;
import dev.rosterd.c2s.sm.StreamManagementOptions;
import dev.rosterd.c2s.web.WebListenerOptions;
import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The {@code c2s} section of the config: where clients connect and the limits they live by.
 *
 * <pre>{@code
 * "c2s": {
 *   "host": "0.0.0.0", "port": 5222, "directTlsPort": 5223, "requireEncryption": true,
 *   "tls": {"certPath": "/etc/rosterd/cert.pem", "keyPath": "/etc/rosterd/key.pem", "engine": "openssl"},
 *   "maxStanzaBytes": 262144, "maxStanzaBytesBeforeAuth": 16384, "maxHeaderBytes": 4096,
 *   "stanzasPerSecond": 50, "stanzaBurst": 200,
 *   "idleTimeoutSeconds": 300, "authTimeoutSeconds": 30, "maxAuthAttempts": 3,
 *   "web": {"host": "127.0.0.1", "port": 5290, "behindTlsProxy": true}
 * }
 * }</pre>
 *
 * Without {@code tls.certPath}/{@code tls.keyPath} a self-signed certificate for the domain is
 * generated once into {@code tls.generatedDirectory} and reused on later starts.
 */
public final class C2sOptions {
  /** Default of {@code host}: every interface. */
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** Default of {@code port}: the registered xmpp-client port. */
  public static final int DEFAULT_PORT = 5222;
  /** Default of {@code directTlsPort}: off (-1). */
  public static final int DEFAULT_DIRECT_TLS_PORT = -1;
  /** Default of {@code requireEncryption}: no authentication before STARTTLS. */
  public static final boolean DEFAULT_REQUIRE_ENCRYPTION = true;
  /** Default of {@code tls.generatedDirectory}: {@code conf/} under the working directory. */
  public static final String DEFAULT_GENERATED_DIRECTORY = "conf";
  /** Default of {@code tls.engine}: BoringSSL where its native library loads, else the JDK's. */
  public static final TlsEngine DEFAULT_TLS_ENGINE = TlsEngine.OPENSSL;
  /** Default of {@code maxStanzaBytes}: 256 KiB, as Prosody's c2s_stanza_size_limit. */
  public static final int DEFAULT_MAX_STANZA_BYTES = 262_144;
  /**
   * Default of {@code maxStanzaBytesBeforeAuth}: 16 KiB, ample for STARTTLS and SASL (a SCRAM
   * message is a few hundred bytes) and small enough that unauthenticated connections cost little.
   */
  public static final int DEFAULT_MAX_STANZA_BYTES_BEFORE_AUTH = 16_384;
  /** Default of {@code maxHeaderBytes}: 4 KiB for the stream header and anything before it. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 4096;
  /** Default of {@code stanzasPerSecond}: the sustained rate of first-level elements per stream. */
  public static final int DEFAULT_STANZAS_PER_SECOND = 50;
  /** Default of {@code stanzaBurst}: how many may arrive at once (a login's roster, presence, disco...). */
  public static final int DEFAULT_STANZA_BURST = 200;
  /** Default of {@code idleTimeoutSeconds}: five minutes without a byte from the client. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 300;
  /** Default of {@code authTimeoutSeconds}: time from connect to SASL success. */
  public static final int DEFAULT_AUTH_TIMEOUT_SECONDS = 30;
  /** Default of {@code maxAuthAttempts}: failed SASL attempts before the stream is closed. */
  public static final int DEFAULT_MAX_AUTH_ATTEMPTS = 3;
  /**
   * Default of {@code maxOutboundBytes}: 4 MiB waiting to be written to one client. A client
   * reading at all drains far more than that in a second; a roster of thousands with their
   * presence fits.
   */
  public static final int DEFAULT_MAX_OUTBOUND_BYTES = 4 * 1024 * 1024;
  /** The deepest element nesting accepted, counting the stream header as 1; not configurable. */
  public static final int MAX_DEPTH = 32;

  private final String domain;
  private final String host;
  private final int port;
  private final int directTlsPort;
  private final boolean requireEncryption;
  private final String certPath;
  private final String keyPath;
  private final String generatedDirectory;
  private final TlsEngine tlsEngine;
  private final int maxStanzaBytes;
  private final int maxStanzaBytesBeforeAuth;
  private final int maxHeaderBytes;
  private final int stanzasPerSecond;
  private final int stanzaBurst;
  private final int idleTimeoutSeconds;
  private final int authTimeoutSeconds;
  private final int maxAuthAttempts;
  private final int maxOutboundBytes;
  private final WebListenerOptions web;
  private final StreamManagementOptions streamManagement;

  public C2sOptions(JsonObject config) {
    ConfigReader r = new ConfigReader(config, "c2s");
    domain = r.requiredString("domain");
    host = r.string("host", DEFAULT_HOST);
    port = r.integer("port", DEFAULT_PORT, 0, 65535);
    directTlsPort = r.integer("directTlsPort", DEFAULT_DIRECT_TLS_PORT, -1, 65535);
    requireEncryption = r.bool("requireEncryption", DEFAULT_REQUIRE_ENCRYPTION);
    ConfigReader tls = r.section("tls");
    certPath = tls.string("certPath", null);
    keyPath = tls.string("keyPath", null);
    generatedDirectory = tls.string("generatedDirectory", DEFAULT_GENERATED_DIRECTORY);
    tlsEngine = TlsEngine.named(tls.oneOf("engine", DEFAULT_TLS_ENGINE.configName(),
        TlsEngine.OPENSSL.configName(), TlsEngine.JDK.configName()));
    tls.rejectUnknownKeys();
    if ((certPath == null) != (keyPath == null)) {
      throw tls.invalid(certPath == null ? "certPath" : "keyPath", "is required when the other is set");
    }
    maxStanzaBytes = r.integer("maxStanzaBytes", DEFAULT_MAX_STANZA_BYTES, 1024, 64 * 1024 * 1024);
    maxStanzaBytesBeforeAuth = r.integer(
        "maxStanzaBytesBeforeAuth", Math.min(DEFAULT_MAX_STANZA_BYTES_BEFORE_AUTH, maxStanzaBytes), 1024, maxStanzaBytes);
    maxHeaderBytes = r.integer("maxHeaderBytes", DEFAULT_MAX_HEADER_BYTES, 512, 65_536);
    stanzasPerSecond = r.integer("stanzasPerSecond", DEFAULT_STANZAS_PER_SECOND, 1, 100_000);
    stanzaBurst = r.integer("stanzaBurst", DEFAULT_STANZA_BURST, 1, 1_000_000);
    idleTimeoutSeconds = r.integer("idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT_SECONDS, 1, 86_400);
    authTimeoutSeconds = r.integer("authTimeoutSeconds", DEFAULT_AUTH_TIMEOUT_SECONDS, 1, 3600);
    maxAuthAttempts = r.integer("maxAuthAttempts", DEFAULT_MAX_AUTH_ATTEMPTS, 1, 10);
    maxOutboundBytes = r.integer("maxOutboundBytes", DEFAULT_MAX_OUTBOUND_BYTES, 65_536, 1024 * 1024 * 1024);
    web = r.has("web") ? new WebListenerOptions(r.section("web")) : null;
    streamManagement = StreamManagementOptions.read(r.section("streamManagement"));
    r.rejectUnknownKeys();
  }

  /** {@code streamManagement}: XEP-0198 acknowledgements and resumption; see {@link StreamManagementOptions}. */
  public StreamManagementOptions streamManagement() {
    return streamManagement;
  }

  /** {@code domain}: the XMPP domain served; streams to any other are refused. Required. */
  public String domain() {
    return domain;
  }

  /** {@code host}: the address to listen on. */
  public String host() {
    return host;
  }

  /** {@code port}: the STARTTLS port; 0 picks a free port (see {@code C2sVerticle#actualPort}). */
  public int port() {
    return port;
  }

  /** {@code directTlsPort}: a port speaking TLS from the first byte (XEP-0368); -1 is
   * off, 0 picks a free port (as for {@code port}, and like the admin router's {@code tlsPort}). */
  public int directTlsPort() {
    return directTlsPort;
  }

  /**
   * {@code requireEncryption}: when true, SASL is not offered before STARTTLS and an {@code
   * <auth/>} sent before it fails with {@code <encryption-required/>}.
   */
  public boolean requireEncryption() {
    return requireEncryption;
  }

  /** {@code tls.certPath}: PEM certificate chain; with {@code tls.keyPath}, or neither. */
  public String certPath() {
    return certPath;
  }

  /** {@code tls.keyPath}: PEM private key (PKCS#8 or PKCS#1) of {@code tls.certPath}. */
  public String keyPath() {
    return keyPath;
  }

  /**
   * {@code tls.generatedDirectory}: where a self-signed certificate for the domain is generated
   * when no certPath/keyPath are set ({@code <domain>.crt.pem}, {@code <domain>.key.pem}), and
   * found again on later starts.
   */
  public String generatedDirectory() {
    return generatedDirectory;
  }

  /**
   * {@code tls.engine}: {@code "openssl"} (default) for Netty's OpenSSL engine over the bundled
   * BoringSSL, which falls back to the JDK's with one warning where the native library cannot
   * load; {@code "jdk"} for the JDK's SSLEngine. Same protocols (TLS 1.2 and 1.3) and certificate
   * either way; it applies to STARTTLS and the direct-TLS port.
   */
  public TlsEngine tlsEngine() {
    return tlsEngine;
  }

  /** {@code maxStanzaBytes}: the largest stanza accepted; larger ones end the stream with policy-violation. */
  public int maxStanzaBytes() {
    return maxStanzaBytes;
  }

  /**
   * {@code maxStanzaBytesBeforeAuth}: the largest first-level element accepted before SASL success
   * (STARTTLS and SASL elements); larger ones end the stream with policy-violation. At most
   * {@code maxStanzaBytes}; defaults to the smaller of 16 KiB and {@code maxStanzaBytes}.
   */
  public int maxStanzaBytesBeforeAuth() {
    return maxStanzaBytesBeforeAuth;
  }

  /**
   * {@code maxHeaderBytes}: the most bytes from the start of a stream (and of each restarted
   * stream) to the end of its {@code <stream:stream>} header; more ends the stream with
   * policy-violation.
   */
  public int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  /**
   * {@code stanzasPerSecond}: the sustained rate at which one stream's first-level elements are
   * read. A stream that sends faster is not cut off: its socket is paused until it is back within
   * the rate, so TCP slows the sender down (see {@code StreamNegotiation}).
   */
  public int stanzasPerSecond() {
    return stanzasPerSecond;
  }

  /** {@code stanzaBurst}: how many first-level elements a stream may send at once before {@code stanzasPerSecond} applies. */
  public int stanzaBurst() {
    return stanzaBurst;
  }

  /** {@code idleTimeoutSeconds}: a stream silent this long ends with connection-timeout. */
  public int idleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  /** {@code authTimeoutSeconds}: a stream not authenticated this long after connecting ends with connection-timeout. */
  public int authTimeoutSeconds() {
    return authTimeoutSeconds;
  }

  /** {@code maxAuthAttempts}: after this many failed SASL attempts the stream ends with policy-violation (RFC 6120 §6.4.5). */
  public int maxAuthAttempts() {
    return maxAuthAttempts;
  }

  /**
   * {@code maxOutboundBytes}: what may wait to be written to one client that is not reading (a
   * dead phone, an attacker); past it that client's stream ends with {@code
   * <resource-constraint/>}, so that nobody's messages pile up in the server's memory for it.
   */
  public int maxOutboundBytes() {
    return maxOutboundBytes;
  }

  /**
   * {@code web}: the public HTTP listener for browsers (XMPP over WebSocket, host-meta); see
   * {@link WebListenerOptions} for its keys. Absent: no web listener.
   */
  public Optional<WebListenerOptions> web() {
    return Optional.ofNullable(web);
  }

  /** The rules this listener's streams are negotiated under. */
  public StreamPolicy streamPolicy() {
    return new StreamPolicy(domain, requireEncryption, maxAuthAttempts, authTimeoutSeconds, idleTimeoutSeconds,
        stanzasPerSecond, stanzaBurst);
  }

  /** The byte limits this listener's streams are read under. */
  public StreamLimits streamLimits() {
    return new StreamLimits(maxHeaderBytes, maxStanzaBytesBeforeAuth, maxStanzaBytes, MAX_DEPTH);
  }

  /** Where the certificate comes from. */
  public CertificateFiles certificateFiles() {
    return new CertificateFiles(domain, certPath, keyPath, generatedDirectory);
  }
}
