package dev.rosterd.testing;

import java.time.Duration;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Real XMPP clients (Smack 4.4) for tests: connect over a real socket to a rosterd on loopback,
 * with STARTTLS that trusts only the test certificate.
 *
 * <p>Smack's calls block; call them from the test thread, never from a Vert.x event loop.
 */
public final class XmppClients {
  /** How long Smack waits for any reply before it fails the test. */
  public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

  private XmppClients() {}

  /**
   * A configuration for {@code user} on {@code domain} served at 127.0.0.1:{@code port}: TLS
   * required, the given SASL mechanism only, no automatic presence (tests send it when they mean
   * to).
   */
  public static XMPPTCPConnectionConfiguration.Builder config(
      String domain, int port, String user, String password, String mechanism) {
    try {
      SmackConfiguration.setDefaultReplyTimeout((int) REPLY_TIMEOUT.toMillis());
      return XMPPTCPConnectionConfiguration.builder()
          .setXmppDomain(domain)
          .setHost("127.0.0.1")
          .setPort(port)
          .setUsernameAndPassword(user, password)
          .setSecurityMode(SecurityMode.required)
          .setCustomX509TrustManager(TestTls.trustManager())
          .setHostnameVerifier((host, session) -> true)
          .addEnabledSaslMechanism(mechanism)
          .setSendPresence(false)
          .setConnectTimeout((int) REPLY_TIMEOUT.toMillis());
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Connects and logs in with resource {@code resource}; the caller disconnects. */
  public static XMPPTCPConnection login(
      String domain, int port, String user, String password, String mechanism, String resource)
      throws Exception {
    XMPPTCPConnectionConfiguration.Builder b = config(domain, port, user, password, mechanism);
    if (resource != null) {
      b.setResource(resource);
    }
    XMPPTCPConnection c = new XMPPTCPConnection(b.build());
    c.setReplyTimeout(REPLY_TIMEOUT.toMillis());
    c.connect();
    c.login();
    return c;
  }
}
