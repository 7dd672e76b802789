package dev.rosterd.c2s.stream;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static dev.rosterd.c2s.C2sTestServer.bound;
import static dev.rosterd.c2s.C2sTestServer.ping;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that is not well-formed UTF-8 XML 1.0 ends the sender's stream with {@code
 * <not-well-formed/>}, never reaches the addressee, and leaves other sessions answering: bob, the
 * addressee, still gets alice's next message from another resource and answers pings.
 */
class MalformedInputTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  /** The bytes between {@code a} and {@code b} in a message body sent to bob, as hex. */
  @ParameterizedTest(name = "body with {0}")
  @ValueSource(strings = {
      "c080", // overlong NUL
      "e080af", // overlong '/'
      "00", "01", "1b", // C0 controls
      "efbfbe", "efbfbf", // U+FFFE, U+FFFF
      "fffe", "ff", "80", "c3", // not UTF-8 at all
      "eda080", // a UTF-16 surrogate in UTF-8
      "f4908080", // above U+10FFFF
  })
  void inABody(String hex) throws Exception {
    attack(bytes("<message to='bob@" + DOMAIN + "/home'><body>attack a", hex, "b</body></message>"));
  }

  @ParameterizedTest(name = "reference {0}")
  @ValueSource(strings = {"&#0;", "&#x0;", "&#1;", "&#x1B;", "&#xFFFE;", "&#xFFFF;", "&#xD800;", "&#x110000;"})
  void asACharacterReference(String reference) throws Exception {
    attack(("<message to='bob@" + DOMAIN + "/home'><body>attack " + reference + "</body></message>").getBytes(UTF_8));
  }

  @ParameterizedTest(name = "attribute with {0}")
  @ValueSource(strings = {"c080", "00", "efbfbe", "fffe"})
  void inAnAttributeValue(String hex) throws Exception {
    attack(bytes("<message to='bob@" + DOMAIN + "/home' id='a", hex, "'><body>attack</body></message>"));
  }

  @ParameterizedTest(name = "name with {0}")
  @ValueSource(strings = {"c080", "fffe"})
  void inAName(String hex) throws Exception {
    attack(bytes("<message to='bob@" + DOMAIN + "/home'><bo", hex, "dy>attack</body></message>"));
  }

  @ParameterizedTest(name = "header with {0}")
  @ValueSource(strings = {"c080", "00", "efbfbe", "fffe", "e080af"})
  void inTheStreamHeader(String hex) throws Exception {
    try (RawXmppClient bob = bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
        RawXmppClient attacker = RawXmppClient.connect(server.port())) {
      String header = RawXmppClient.header(DOMAIN);
      attacker.sendBytes(bytes(header.substring(0, header.length() - 1) + " id='a", hex, "'>"));
      assertStreamError(attacker.awaitClose(), "not-well-formed");
      ping(bob, "after");
    }
  }

  @Test
  void anEncodingOtherThanUtf8IsUnsupported() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send(RawXmppClient.header(DOMAIN).replace("<?xml version='1.0'?>", "<?xml version='1.0' encoding='ISO-8859-1'?>"));
      assertStreamError(c.awaitClose(), "unsupported-encoding");
    }
  }

  private void attack(byte[] stanza) throws Exception {
    try (RawXmppClient bob = bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
        RawXmppClient attacker = bound(RawXmppClient.connect(server.port()), "alice", "wonderland", "attacker");
        RawXmppClient alice = bound(RawXmppClient.connect(server.port()), "alice", "wonderland", "phone")) {
      attacker.sendBytes(stanza);
      assertStreamError(attacker.awaitClose(), "not-well-formed");
      alice.send("<message to='bob@" + DOMAIN + "/home'><body>clean</body></message>");
      String received = bob.expect("clean");
      assertFalse(received.contains("attack"), received);
      ping(bob, "after");
      ping(alice, "after");
    }
  }

  private static byte[] bytes(String before, String hex, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(UTF_8));
    out.writeBytes(HexFormat.of().parseHex(hex));
    out.writeBytes(after.getBytes(UTF_8));
    return out.toByteArray();
  }
}
