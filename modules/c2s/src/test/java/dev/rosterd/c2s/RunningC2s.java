package dev.rosterd.c2s;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts a {@link C2sTestServer} (the real auth piece and a c2s on a free
 * loopback port) on a fresh Vert.x before each test and closes that Vert.x after it:
 *
 * <pre>{@code
 * @RegisterExtension
 * final RunningC2s server = RunningC2s.with(new JsonObject().put("idleTimeoutSeconds", 1));
 * }</pre>
 */
public final class RunningC2s implements BeforeEachCallback, AfterEachCallback {
  private static final long START_TIMEOUT_S = 30;

  private final JsonObject overrides;
  private final Supplier<C2sVerticle> verticles;
  private final boolean withAuth;
  private Vertx vertx;
  private C2sTestServer server;

  private RunningC2s(JsonObject overrides, Supplier<C2sVerticle> verticles, boolean withAuth) {
    this.overrides = overrides;
    this.verticles = verticles;
    this.withAuth = withAuth;
  }

  /** The test c2s with {@code overrides} of its config. */
  public static RunningC2s with(JsonObject overrides) {
    return new RunningC2s(overrides, C2sVerticle::new, true);
  }

  /** The test c2s as {@link C2sTestServer#config} has it. */
  public static RunningC2s defaults() {
    return with(new JsonObject());
  }

  /** The same server, with a c2s verticle the test makes (e.g. around a session layer it watches). */
  public RunningC2s verticle(Supplier<C2sVerticle> made) {
    return new RunningC2s(overrides, made, withAuth);
  }

  /** The same server without the auth piece, as when it is down. */
  public RunningC2s withoutAuth() {
    return new RunningC2s(overrides, verticles, false);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    server = new C2sTestServer(verticles.get());
    (withAuth ? server.start(vertx, overrides) : server.startWithoutAuth(vertx))
        .toCompletionStage().toCompletableFuture().get(START_TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_S, TimeUnit.SECONDS);
  }

  /** The STARTTLS port. */
  public int port() {
    return server.port();
  }

  /** The Vert.x the server runs on. */
  public Vertx vertx() {
    return vertx;
  }

  /** The running server: its verticle and deployment. */
  public C2sTestServer server() {
    return server;
  }
}
