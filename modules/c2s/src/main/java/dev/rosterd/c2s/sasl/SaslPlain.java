package dev.rosterd.c2s.sasl;

import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jxmpp.jid.EntityBareJid;

/**
 * SASL PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL password}, checked by the auth piece.
 * Offered only over TLS unless encryption is not required.
 */
public final class SaslPlain implements SaslMechanism {
  public static final String NAME = "PLAIN";

  private final Credentials credentials;
  private final String domain;
  private final String peer;

  /** @param peer the client's IP address, for the auth piece's failure budget */
  public SaslPlain(Credentials credentials, String domain, String peer) {
    this.credentials = credentials;
    this.domain = domain;
    this.peer = peer;
  }

  @Override
  public Future<SaslStep> evaluate(byte[] response) {
    if (response == null) {
      // No initial response: ask for it with an empty challenge (RFC 6120 §6.4.2).
      return Future.succeededFuture(new SaslStep.Challenge(new byte[0]));
    }
    String[] parts = new String(response, StandardCharsets.UTF_8).split("\u0000", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      return failure(SaslStep.MALFORMED_REQUEST);
    }
    Optional<EntityBareJid> user = Jids.bare(parts[1], domain);
    if (user.isEmpty()) {
      return failure(SaslStep.NOT_AUTHORIZED);
    }
    if (!parts[0].isEmpty() && !Jids.parseBare(parts[0]).equals(user)) {
      return failure(SaslStep.INVALID_AUTHZID);
    }
    return credentials.checkPlain(parts[1], parts[2], peer)
        .map(ok -> ok ? (SaslStep) new SaslStep.Success(user.get(), new byte[0])
            : new SaslStep.Failure(SaslStep.NOT_AUTHORIZED))
        .recover(e -> Future.succeededFuture(e instanceof CredentialsThrottled
            ? SaslStep.THROTTLED
            : new SaslStep.Failure(SaslStep.TEMPORARY_AUTH_FAILURE)));
  }

  private static Future<SaslStep> failure(String condition) {
    return Future.succeededFuture(new SaslStep.Failure(condition));
  }
}
