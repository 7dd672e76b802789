package dev.rosterd.c2s.sasl;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthMechanisms;
import dev.rosterd.common.bus.AuthResult;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.PlainCheck;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.bus.ScramLookup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The c2s's view of the auth piece, over the event bus only. Any failure to get an answer (no
 * consumer, timeout, the auth piece's own {@code UNAVAILABLE}) becomes {@link
 * CredentialsUnavailable}, which SASL reports as {@code <temporary-auth-failure/>}.
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

  /** Whether the password is right for the username as the client sent it. */
  public Future<Boolean> checkPlain(String username, String password) {
    return ask(Addresses.AUTH_PLAIN, new PlainCheck(username, password).toJson())
        .map(j -> AuthResult.fromJson(j).ok());
  }

  /** The SCRAM keys of a user for a mechanism. */
  public Future<ScramCredentials> scram(String username, String mechanism) {
    return ask(Addresses.AUTH_SCRAM, new ScramLookup(username, mechanism).toJson())
        .map(ScramCredentials::fromJson);
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    // Asked while the auth piece is being redeployed, the request waits for it (BusRequest).
    return BusRequest.send(vertx, address, body, delivery)
        .map(m -> m.body())
        .recover(e -> Future.failedFuture(new CredentialsUnavailable(address + ": " + e.getMessage(), e)));
  }
}
