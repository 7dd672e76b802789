package dev.rosterd.c2s.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import dev.rosterd.auth.AuthVerticle;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server side of SCRAM-SHA-256 (which Smack 4.4 cannot speak) against a client written from
 * RFC 5802 with scram-common's functions, and the real auth piece holding the keys.
 */
@ExtendWith(VertxExtension.class)
class SaslScramTest {
  private static final ScramMechanism SHA256 = ScramMechanism.SCRAM_SHA_256;
  private static final List<String> OFFERED = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
  private SaslNegotiation sasl;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    sasl = new SaslNegotiation(new Credentials(vertx), "rosterd.test", 3, "127.0.0.1");
    JsonObject auth = new JsonObject().put("domain", "rosterd.test")
        .put("users", new JsonObject().put("alice", "wonderland"));
    vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(auth))
        .onComplete(ctx.succeedingThenComplete());
  }

  private SaslNegotiation.Outcome send(Element e, boolean first) throws Exception {
    return (first ? sasl.auth(e, OFFERED, false) : sasl.response(e))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Element sasl(String name, String data) {
    return Element.builder(name, Namespaces.SASL)
        .attribute("mechanism", name.equals("auth") ? "SCRAM-SHA-256" : null)
        .text(Base64.getEncoder().encodeToString(data.getBytes(UTF_8))).build();
  }

  private static String decode(Element e) {
    return new String(Base64.getDecoder().decode(e.text()), UTF_8);
  }

  /** Runs the exchange as user/password; returns the final outcome and the expected server signature. */
  private String[] exchange(String user, String password, SaslNegotiation.Outcome[] last) throws Exception {
    String clientFirstBare = "n=" + user + ",r=fyko+d2lbbFgONRv9qkxdawL";
    SaslNegotiation.Outcome challenge = send(sasl("auth", "n,," + clientFirstBare), true);
    assertEquals("challenge", challenge.reply().name());
    String serverFirst = decode(challenge.reply());
    String[] attrs = serverFirst.split(",");
    String nonce = attrs[0].substring(2);
    byte[] salt = Base64.getDecoder().decode(attrs[1].substring(2));
    int iterations = Integer.parseInt(attrs[2].substring(2));
    assertTrue(nonce.startsWith("fyko+d2lbbFgONRv9qkxdawL"));

    byte[] salted = ScramFunctions.saltedPassword(SHA256, StringPreparation.SASL_PREPARATION, password.toCharArray(), salt, iterations);
    String withoutProof = "c=biws,r=" + nonce;
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] clientKey = ScramFunctions.clientKey(SHA256, salted);
    byte[] signature = ScramFunctions.clientSignature(SHA256, ScramFunctions.storedKey(SHA256, clientKey), authMessage);
    String proof = Base64.getEncoder().encodeToString(ScramFunctions.clientProof(clientKey, signature));
    last[0] = send(sasl("response", withoutProof + ",p=" + proof), false);
    byte[] serverSignature = ScramFunctions.serverSignature(SHA256, ScramFunctions.serverKey(SHA256, salted), authMessage);
    return new String[] {"v=" + Base64.getEncoder().encodeToString(serverSignature)};
  }

  @Test
  void rightPasswordSucceedsWithTheServerSignature() throws Exception {
    SaslNegotiation.Outcome[] last = new SaslNegotiation.Outcome[1];
    String[] expected = exchange("alice", "wonderland", last);
    assertEquals("success", last[0].reply().name());
    assertEquals("alice@rosterd.test", last[0].user().toString());
    assertEquals(expected[0], decode(last[0].reply()));
  }

  @Test
  void wrongPasswordIsNotAuthorized() throws Exception {
    SaslNegotiation.Outcome[] last = new SaslNegotiation.Outcome[1];
    exchange("alice", "looking-glass", last);
    assertEquals("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>",
        last[0].reply().toXml(""));
  }

  @Test
  void unknownUserLooksTheSameUntilTheEnd() throws Exception {
    SaslNegotiation.Outcome[] last = new SaslNegotiation.Outcome[1];
    exchange("mallory", "wonderland", last);
    assertTrue(last[0].reply().toXml("").contains("<not-authorized/>"));
  }
}
