package dev.rosterd.c2s.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.jxmpp.jid.EntityBareJid;

/**
 * Server side of SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding (the
 * -PLUS variants are not offered). The keys come from the auth piece; the proof is checked here
 * with scram-common's functions, so the password never crosses the event bus.
 *
 * <p>For an unknown or invalid user the auth piece answers decoy keys with a salt that is the same
 * on every attempt and iterations like a real user's; the exchange then fails only at the proof, so
 * it does not tell which usernames exist (RFC 5802 §9).
 */
public final class SaslScram implements SaslMechanism {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ScramMechanism mechanism;
  private final Credentials credentials;
  private final String domain;
  private final String peer;
  private Exchange exchange;

  /** State kept between the client's first and final messages. */
  private record Exchange(
      String gs2Header, String clientFirstBare, String serverFirst, String nonce,
      String username, EntityBareJid user, ScramCredentials keys) {}

  /**
   * @param name {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}
   * @param peer the client's IP address, for the auth piece's failure budget
   */
  public SaslScram(String name, Credentials credentials, String domain, String peer) {
    this.mechanism = ScramMechanism.byName(name);
    if (mechanism == null || mechanism.isPlus()) {
      throw new IllegalArgumentException("not a supported SCRAM mechanism: " + name);
    }
    this.credentials = credentials;
    this.domain = domain;
    this.peer = peer;
  }

  @Override
  public Future<SaslStep> evaluate(byte[] response) {
    if (response == null) {
      return Future.succeededFuture(new SaslStep.Challenge(new byte[0]));
    }
    String message = new String(response, UTF_8);
    try {
      return exchange == null ? clientFirst(message) : Future.succeededFuture(clientFinal(message));
    } catch (RuntimeException e) {
      // Bad syntax, bad base64, a proof of the wrong length: all a malformed request.
      return Future.succeededFuture(new SaslStep.Failure(SaslStep.MALFORMED_REQUEST));
    }
  }

  private Future<SaslStep> clientFirst(String message) {
    String[] parts = message.split(",", 3);
    if (parts.length != 3 || parts[2].startsWith("m=")) {
      throw new IllegalArgumentException("bad client-first-message");
    }
    if (parts[0].startsWith("p=")) {
      // Channel binding was not offered; a client asking for it is confused or downgraded.
      return Future.succeededFuture(new SaslStep.Failure(SaslStep.NOT_AUTHORIZED));
    }
    if (!parts[0].equals("n") && !parts[0].equals("y")) {
      throw new IllegalArgumentException("bad gs2-cbind-flag");
    }
    String[] bare = parts[2].split(",");
    if (bare.length < 2 || !bare[0].startsWith("n=") || !bare[1].startsWith("r=") || bare[1].length() < 3) {
      throw new IllegalArgumentException("bad client-first-message-bare");
    }
    String username = saslName(bare[0].substring(2));
    String clientNonce = bare[1].substring(2);
    Optional<EntityBareJid> user = Jids.bare(username, domain);
    if (user.isPresent() && !parts[1].isEmpty()
        && !(parts[1].startsWith("a=") && Jids.parseBare(saslName(parts[1].substring(2))).equals(user))) {
      return Future.succeededFuture(new SaslStep.Failure(SaslStep.INVALID_AUTHZID));
    }
    // An invalid username is asked for too: its decoy is as stable as an unknown user's.
    Future<ScramCredentials> keys = credentials.scram(username, mechanism.getName(), peer);
    String gs2Header = parts[0] + "," + parts[1] + ",";
    return keys.map(k -> serverFirst(gs2Header, parts[2], clientNonce, username, user.orElse(null), k))
        .recover(e -> Future.succeededFuture(e instanceof CredentialsThrottled
            ? SaslStep.THROTTLED
            : new SaslStep.Failure(SaslStep.TEMPORARY_AUTH_FAILURE)));
  }

  private SaslStep serverFirst(String gs2Header, String clientFirstBare, String clientNonce,
      String username, EntityBareJid user, ScramCredentials keys) {
    if (!keys.found()) {
      // Only a store without SCRAM keys for anyone (the http provider) says so: it tells nothing.
      return new SaslStep.Failure(SaslStep.NOT_AUTHORIZED);
    }
    String nonce = clientNonce + ScramFunctions.nonce(24, RANDOM);
    String serverFirst = "r=" + nonce + ",s=" + keys.salt() + ",i=" + keys.iterations();
    exchange = new Exchange(gs2Header, clientFirstBare, serverFirst, nonce, username, user, keys);
    return new SaslStep.Challenge(serverFirst.getBytes(UTF_8));
  }

  /** Checks the proof, and tells the auth piece how it went (only this side can). */
  private SaslStep clientFinal(String message) {
    SaslStep step = verify(message);
    credentials.outcome(exchange.username(), peer, step instanceof SaslStep.Success);
    return step;
  }

  private SaslStep verify(String message) {
    Exchange x = exchange;
    int proofAt = message.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw new IllegalArgumentException("no proof");
    }
    String withoutProof = message.substring(0, proofAt);
    byte[] proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
    String[] attrs = withoutProof.split(",");
    if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
      throw new IllegalArgumentException("bad client-final-message");
    }
    byte[] cbind = Base64.getDecoder().decode(attrs[0].substring(2));
    boolean bindingOk = new String(cbind, UTF_8).equals(x.gs2Header());
    boolean nonceOk = attrs[1].substring(2).equals(x.nonce());
    if (!bindingOk || !nonceOk || x.user() == null) {
      return new SaslStep.Failure(SaslStep.NOT_AUTHORIZED);
    }
    String authMessage = x.clientFirstBare() + "," + x.serverFirst() + "," + withoutProof;
    Base64.Decoder b64 = Base64.getDecoder();
    if (!ScramFunctions.verifyClientProof(mechanism, proof, b64.decode(x.keys().storedKey()), authMessage)) {
      return new SaslStep.Failure(SaslStep.NOT_AUTHORIZED);
    }
    byte[] signature = ScramFunctions.serverSignature(mechanism, b64.decode(x.keys().serverKey()), authMessage);
    String serverFinal = "v=" + Base64.getEncoder().encodeToString(signature);
    return new SaslStep.Success(x.user(), serverFinal.getBytes(UTF_8));
  }

  /** Decodes a saslname (RFC 5802 §5.1): "=2C" is ',' and "=3D" is '='; any other '=' is invalid. */
  private static String saslName(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '=') {
        out.append(c);
      } else if (s.startsWith("=2C", i)) {
        out.append(',');
        i += 2;
      } else if (s.startsWith("=3D", i)) {
        out.append('=');
        i += 2;
      } else {
        throw new IllegalArgumentException("bad saslname");
      }
    }
    return out.toString();
  }
}
