package dev.rosterd.c2s.tls;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS implementation the c2s listeners' connections use ({@code c2s.tls.engine}): Netty's
 * OpenSSL engine over the BoringSSL that ships in netty-tcnative-boringssl-static, or the JDK's
 * SSLEngine. BoringSSL does a TLS login for a fraction of the JDK's CPU and keeps less per idle
 * session (docs/BENCHMARKS.md, "TLS logins"), so it is the default wherever its native library
 * loads; where it cannot (another platform, a locked-down temp directory), the JDK's engine is
 * used and the start says so in one line.
 */
public enum TlsEngine {
  /** Netty's OpenSSL engine (BoringSSL), the JDK's when the native library does not load. */
  OPENSSL,
  /** The JDK's SSLEngine, always. */
  JDK;

  private static final Logger LOG = LoggerFactory.getLogger(TlsEngine.class);
  /** The engine in use is said once per process, not once per listener or verticle instance. */
  private static final AtomicBoolean LOGGED = new AtomicBoolean();

  /** The engine named by a config value ({@code "openssl"}, {@code "jdk"}), or null for another. */
  public static TlsEngine named(String value) {
    for (TlsEngine e : values()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
        return e;
      }
    }
    return null;
  }

  /** The config value that names this engine. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Vert.x's options for this engine: for {@link #OPENSSL}, OpenSSL's where its library loads,
   * else the JDK's after one warning naming why. A listener's STARTTLS upgrades use the engine of
   * the listener's own options, so both ports get what this returns.
   */
  public SSLEngineOptions options() {
    if (this == OPENSSL) {
      if (OpenSsl.isAvailable()) {
        if (LOGGED.compareAndSet(false, true)) {
          LOG.info("c2s TLS by Netty's OpenSSL engine ({})", OpenSsl.versionString());
        }
        return new OpenSSLEngineOptions();
      }
      if (LOGGED.compareAndSet(false, true)) {
        LOG.warn("c2s.tls.engine is openssl but its native library cannot load here ({}): TLS uses the JDK's engine",
            OpenSsl.unavailabilityCause());
      }
    }
    return new JdkSSLEngineOptions();
  }
}
