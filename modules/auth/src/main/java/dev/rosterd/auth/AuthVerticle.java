package dev.rosterd.auth;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthMechanisms;
import dev.rosterd.common.bus.AuthOutcome;
import dev.rosterd.common.bus.AuthResult;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.PlainCheck;
import dev.rosterd.common.bus.ScramLookup;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth piece: answers {@link Addresses#AUTH_MECHANISMS}, {@link Addresses#AUTH_PLAIN} and
 * {@link Addresses#AUTH_SCRAM} from the configured credential store ({@code static} or {@code
 * http}, see {@link AuthOptions}), and takes {@link Addresses#AUTH_OUTCOME}. Passwords never leave
 * this piece except to the web application.
 *
 * <p>Every login first goes past the {@link FailureBudget}: a username or address that failed too
 * often lately is refused with {@link BusFailure#THROTTLED} before its password is looked at, so
 * that the answer tells nothing about the password. PLAIN failures are counted here; SCRAM ones
 * when the c2s reports the end of the exchange.
 */
public final class AuthVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AuthVerticle.class);

  private AuthOptions options;
  private CredentialStore store;
  private FailureBudget budget;
  private Tokens tokens;
  private MeterRegistry registry;
  private WebClient client;

  public AuthVerticle() {}

  @Override
  public Future<?> start() {
    Jids.setUp();
    options = new AuthOptions(config());
    registry = Meters.registry(vertx);
    Future<? extends CredentialStore> loaded;
    if (options.provider().equals(AuthOptions.HTTP)) {
      client = WebClient.create(vertx);
      loaded = Future.succeededFuture(new HttpCredentials(client, options));
    } else {
      loaded = ScramSecret.obtain(vertx, options.scramSecret())
          .compose(secret -> StaticCredentials.load(vertx, options, secret));
    }
    Future<Tokens> tokensLoaded = options.tokens() == null
        ? Future.succeededFuture()
        : Tokens.load(vertx, options.tokens(), options.domain());
    return Future.all(loaded, FailureBudget.open(vertx, options.throttle()), tokensLoaded).compose(all -> {
      store = all.resultAt(0);
      budget = all.resultAt(1);
      tokens = all.resultAt(2);
      LOG.info("auth provider {} ready{}, offering {}", options.provider(),
          tokens == null ? "" : " with single sign-on tokens", store.mechanisms());
      return Future.all(
          vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_MECHANISMS, this::mechanisms).completion(),
          vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_PLAIN, this::plain).completion(),
          vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_SCRAM, this::scram).completion(),
          vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_OUTCOME, this::outcome).completion());
    });
  }

  @Override
  public Future<?> stop() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }

  private void mechanisms(Message<JsonObject> m) {
    m.reply(new AuthMechanisms(store.mechanisms()).toJson());
  }

  private void plain(Message<JsonObject> m) {
    PlainCheck check = PlainCheck.fromJson(m.body());
    String user = Usernames.normalise(check.username(), options.domain()).orElse(null);
    admitted(m, check.username(), user, check.peer())
        .compose(v -> password(check))
        .compose(ok -> counted(user, check.peer(), ok).map(ok))
        .onSuccess(ok -> m.reply(new AuthResult(ok).toJson()))
        .onFailure(e -> fail(m, e));
  }

  /** A token when tokens are on and the password is one; otherwise the provider's password check. */
  private Future<Boolean> password(PlainCheck check) {
    if (tokens == null || !Tokens.looksLikeToken(check.password())) {
      return store.checkPlain(check.username(), check.password());
    }
    return tokens.check(check.username(), check.password()).map(verdict -> {
      if (!verdict.ok()) {
        LOG.info("token of {} from {} refused: {}", check.username(), check.peer(), verdict.refusal());
        refused("token-" + verdict.refusal());
      }
      return verdict.ok();
    });
  }

  private void scram(Message<JsonObject> m) {
    ScramLookup lookup = ScramLookup.fromJson(m.body());
    String user = Usernames.normalise(lookup.username(), options.domain()).orElse(null);
    admitted(m, lookup.username(), user, lookup.peer())
        .compose(v -> store.scram(lookup.username(), lookup.mechanism()))
        .onSuccess(c -> m.reply(c.toJson()))
        .onFailure(e -> fail(m, e));
  }

  private void outcome(Message<JsonObject> m) {
    AuthOutcome outcome = AuthOutcome.fromJson(m.body());
    String user = Usernames.normalise(outcome.username(), options.domain()).orElse(null);
    // The c2s sends without waiting; a request (a test's) gets an empty answer once counted.
    counted(user, outcome.peer(), outcome.success()).onComplete(ar -> m.reply(new JsonObject()));
  }

  /** Succeeds when neither budget refuses; else answers {@link BusFailure#THROTTLED} and fails. */
  private Future<Void> admitted(Message<JsonObject> m, String asSent, String user, String peer) {
    return budget.refusal(user, peer).compose(refusal -> {
      if (refusal == null) {
        return Future.succeededFuture();
      }
      String reason = refusal == FailureBudget.Refusal.USER ? "user-throttled" : "peer-throttled";
      LOG.info("login of {} from {} refused: {}", asSent, peer, reason);
      refused(reason);
      m.fail(BusFailure.THROTTLED, "too many failed attempts for this "
          + (refusal == FailureBudget.Refusal.USER ? "user" : "address") + "; try again later");
      return Future.failedFuture(new Throttled());
    });
  }

  private Future<Void> counted(String user, String peer, boolean success) {
    return success ? budget.succeeded(user) : budget.failed(user, peer);
  }

  /** Counts a login refused for {@code reason} in {@link Meters#AUTH_REFUSED}. */
  void refused(String reason) {
    Counter.builder(Meters.AUTH_REFUSED).tag("reason", reason)
        .description("logins refused by the auth piece, by reason")
        .register(registry).increment();
  }

  private static void fail(Message<JsonObject> m, Throwable e) {
    if (e instanceof Throttled) {
      return; // already answered
    }
    if (e instanceof CredentialStoreUnavailable) {
      LOG.warn("{}", e.getMessage());
      m.fail(BusFailure.UNAVAILABLE, e.getMessage());
    } else {
      LOG.error("credential check failed", e);
      m.fail(BusFailure.UNAVAILABLE, "credential store failed: " + e);
    }
  }

  /** The request was already answered {@link BusFailure#THROTTLED}. */
  private static final class Throttled extends RuntimeException {
    Throttled() {
      super("throttled", null, false, false);
    }
  }
}
