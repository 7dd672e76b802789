package dev.rosterd.c2s.sasl;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthMechanisms;
import dev.rosterd.common.bus.AuthOutcome;
import dev.rosterd.common.bus.AuthResult;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.PlainCheck;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.bus.ScramLookup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The c2s's view of the auth piece, over the event bus only. The auth piece's {@code THROTTLED}
 * becomes {@link CredentialsThrottled}; any other failure to get an answer (no consumer, timeout,
 * the auth piece's own {@code UNAVAILABLE}) becomes {@link CredentialsUnavailable}. SASL reports
 * both as {@code <temporary-auth-failure/>}.
 */
public final class Credentials {
  /** Longer than the http provider's default timeout, so its own answer arrives first. */
  private static final long TIMEOUT_MILLIS = 15_000;

  private final Vertx vertx;
  private final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(TIMEOUT_MILLIS);

  public Credentials(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The mechanisms the credential store can serve, strongest first. */
  public Future<List<String>> mechanisms() {
    return ask(Addresses.AUTH_MECHANISMS, new JsonObject()).map(j -> AuthMechanisms.fromJson(j).mechanisms());
  }

  /** Whether the password is right for the username as the client at {@code peer} sent it. */
  public Future<Boolean> checkPlain(String username, String password, String peer) {
    return ask(Addresses.AUTH_PLAIN, new PlainCheck(username, password, peer).toJson())
        .map(j -> AuthResult.fromJson(j).ok());
  }

  /** The SCRAM keys of a user for a mechanism, asked for the client at {@code peer}. */
  public Future<ScramCredentials> scram(String username, String mechanism, String peer) {
    return ask(Addresses.AUTH_SCRAM, new ScramLookup(username, mechanism, peer).toJson())
        .map(ScramCredentials::fromJson);
  }

  /** Tells the auth piece how a SCRAM exchange ended, for its failure budgets; no answer awaited. */
  public void outcome(String username, String peer, boolean success) {
    vertx.eventBus().send(Addresses.AUTH_OUTCOME, new AuthOutcome(username, peer, success).toJson());
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    // Asked while the auth piece is being redeployed, the request waits for it (BusRequest).
    return BusRequest.send(vertx, address, body, delivery)
        .map(m -> m.body())
        .recover(e -> Future.failedFuture(
            e instanceof ReplyException r && r.failureCode() == BusFailure.THROTTLED
                ? new CredentialsThrottled(address + ": " + e.getMessage(), e)
                : new CredentialsUnavailable(address + ": " + e.getMessage(), e)));
  }
}
