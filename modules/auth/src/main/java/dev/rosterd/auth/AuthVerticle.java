package dev.rosterd.auth;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthMechanisms;
import dev.rosterd.common.bus.AuthResult;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.PlainCheck;
import dev.rosterd.common.bus.ScramLookup;
import dev.rosterd.common.jid.Jids;
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
 * http}, see {@link AuthOptions}). Passwords never leave this piece except to the web application.
 */
public final class AuthVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AuthVerticle.class);

  private CredentialStore store;
  private WebClient client;

  public AuthVerticle() {}

  @Override
  public Future<?> start() {
    Jids.setUp();
    AuthOptions options = new AuthOptions(config());
    Future<? extends CredentialStore> loaded;
    if (options.provider().equals(AuthOptions.HTTP)) {
      client = WebClient.create(vertx);
      loaded = Future.succeededFuture(new HttpCredentials(client, options));
    } else {
      loaded = ScramSecret.obtain(vertx, options.scramSecret())
          .compose(secret -> StaticCredentials.load(vertx, options, secret));
    }
    return loaded.compose(s -> {
      store = s;
      LOG.info("auth provider {} ready, offering {}", options.provider(), s.mechanisms());
      return Future.all(
          vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_MECHANISMS, this::mechanisms).completion(),
          vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_PLAIN, this::plain).completion(),
          vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_SCRAM, this::scram).completion());
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
    store.checkPlain(check.username(), check.password())
        .onSuccess(ok -> m.reply(new AuthResult(ok).toJson()))
        .onFailure(e -> fail(m, e));
  }

  private void scram(Message<JsonObject> m) {
    ScramLookup lookup = ScramLookup.fromJson(m.body());
    store.scram(lookup.username(), lookup.mechanism())
        .onSuccess(c -> m.reply(c.toJson()))
        .onFailure(e -> fail(m, e));
  }

  private static void fail(Message<JsonObject> m, Throwable e) {
    if (e instanceof CredentialStoreUnavailable) {
      LOG.warn("{}", e.getMessage());
      m.fail(BusFailure.UNAVAILABLE, e.getMessage());
    } else {
      LOG.error("credential check failed", e);
      m.fail(BusFailure.UNAVAILABLE, "credential store failed: " + e);
    }
  }
}
