package dev.rosterd.sint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.FakeRosterBackend;
import dev.rosterd.testing.TestTls;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.XmppConnectionDescriptor;
import org.igniterealtime.smack.inttest.XmppConnectionManager;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smack's integration test suite (SINT) against the built rosterd.jar, with the fake web
 * application serving the rosters: the three SINT accounts are static users and each other's
 * contacts (subscription {@code both}, as every rosterd contact is), since clients cannot
 * register, edit rosters or subscribe. What does not run is in {@link NotRun}, each with its
 * reason; everything else must pass. The result (passed, failed, not possible, not run) is printed
 * on standard output, which is how it reaches the build log.
 *
 * <p>To look at one test's stanzas: {@code -Dsinttest.enabledTests=ChatTest -Dsinttest.debugger=console}.
 */
class SmackIntegrationSuiteIT {
  private static final String DOMAIN = "rosterd.test";
  private static final List<String> ACCOUNTS = List.of("sint-one", "sint-two", "sint-three");
  /** How long SINT waits for any answer: short, so the suite stays well within its time. */
  private static final String REPLY_TIMEOUT_MS = "5000";
  private static final Pattern C2S_LISTENING =
      Pattern.compile("c2s for rosterd\\.test listening on 127\\.0\\.0\\.1:(\\d+) \\(STARTTLS\\)");
  // Held so that the levels set on them stay (JUL keeps loggers weakly).
  private static final List<Logger> QUIET =
      List.of(Logger.getLogger("org.igniterealtime"), Logger.getLogger("org.jivesoftware"));

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void smackIntegrationTestsPass() throws Exception {
    FakeRosterBackend backend = FakeRosterBackend.start(vertx).await(30, TimeUnit.SECONDS);
    for (String user : ACCOUNTS) {
      backend.roster(user, contactsOf(user));
    }
    try (RosterdJar rosterd = RosterdJar.start(dir, config(backend))) {
      int port = Integer.parseInt(rosterd.awaitLog(C2S_LISTENING).group(1));
      SintResult result = run(port);
      System.out.println(result.summary());
      assertTrue(result.passed(), () -> result.failures() + "\nrosterd's log:\n" + rosterd.log());
    }
  }

  private SintResult run(int port) throws Exception {
    // SINT logs every test at INFO; the summary says what matters, failures are logged as SEVERE.
    QUIET.forEach(l -> l.setLevel(Level.WARNING));
    pointConnectionsAt(port);
    Configuration config =
        Configuration.builder()
            .setService(DOMAIN)
            .setSecurityMode("required")
            .setReplyTimeout(REPLY_TIMEOUT_MS)
            .setUsernamesAndPassword(
                ACCOUNTS.get(0), password(ACCOUNTS.get(0)),
                ACCOUNTS.get(1), password(ACCOUNTS.get(1)),
                ACCOUNTS.get(2), password(ACCOUNTS.get(2)))
            .setDefaultConnection("tcp")
            .setDisabledTests(NotRun.tests())
            .setDisabledSpecifications(NotRun.specifications())
            .setEnabledTests(System.getProperty("sinttest.enabledTests"))
            .setDebugger(System.getProperty("sinttest.debugger"))
            .build();
    TestRunResult result = new SmackIntegrationTestFramework(config).run();
    return new SintResult(result, NotRun.LIST);
  }

  /**
   * SINT finds the server through DNS and trusts the JVM's roots; rosterd is on a loopback port
   * with the test certificate. So SINT's default connection ("tcp", the one its ordinary tests
   * use) is replaced by one pointed there. The other kinds (Smack's modular connection, over TCP
   * and WebSocket) are used only by the low-level tests, which cannot run here (see {@link
   * NotRun}), so they are removed rather than left pointing at the real DNS.
   */
  private static void pointConnectionsAt(int port) throws Exception {
    XmppConnectionManager.addConnectionDescriptor(
        XmppConnectionDescriptor.buildWith(
                XMPPTCPConnection.class, XMPPTCPConnectionConfiguration.class, XMPPTCPConnectionConfiguration.Builder.class)
            .withNickname("tcp")
            .applyExtraConfiguration(b -> toRosterd(b, port))
            .build());
    for (String nickname :
        List.of("modular", "modular-nocompress", "modular-websocket-okhttp", "modular-websocket-java11")) {
      XmppConnectionManager.removeConnectionDescriptor(nickname);
    }
  }

  private static void toRosterd(ConnectionConfiguration.Builder<?, ?> b, int port) {
    b.setHost("127.0.0.1").setPort(port).setCustomX509TrustManager(TestTls.trustManager());
  }

  private JsonObject config(FakeRosterBackend backend) {
    JsonObject users = new JsonObject();
    ACCOUNTS.forEach(u -> users.put(u, password(u)));
    return new JsonObject()
        .put("domain", DOMAIN)
        .put("watchConfigMs", 0)
        .put("auth", new JsonObject().put("provider", "static").put("users", users))
        .put("rosterFetcher", new JsonObject().put("http_roster_url", backend.rosterUrl()))
        .put("rosterCache", new JsonObject())
        .put("subscriptionBlocking", new JsonObject())
        .put("archive", new JsonObject().put("directory", dir.resolve("archive").toString()))
        .put("admin", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put(
            "c2s",
            new JsonObject()
                .put("host", "127.0.0.1")
                .put("port", 0)
                .put(
                    "tls",
                    new JsonObject()
                        .put("certPath", TestTls.certPath().toString())
                        .put("keyPath", TestTls.keyPath().toString())));
  }

  /** The other two accounts, as the web application would list them. */
  private static JsonObject contactsOf(String user) {
    JsonObject contacts = new JsonObject();
    ACCOUNTS.stream().filter(u -> !u.equals(user)).forEach(u -> contacts.put(u + "@" + DOMAIN, FakeRosterBackend.contact(u)));
    return contacts;
  }

  private static String password(String user) {
    return user + "-pw";
  }
}
