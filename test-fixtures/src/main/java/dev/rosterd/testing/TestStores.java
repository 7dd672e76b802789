package dev.rosterd.testing;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Fresh stores for the tests of the archive piece, each as the {@code archive} config section that
 * reaches it: an embedded one in a new directory under {@code target/}, or a new database on the
 * run's one {@link PostgresServer}, started on first use and stopped when the run ends. Resolved as
 * a test parameter by {@link Extension}; the archive module's tests and the launcher's share it.
 */
public final class TestStores {
  /** The store kinds every store test runs on. */
  public enum Kind {
    EMBEDDED, POSTGRESQL
  }

  private final Supplier<PostgresServer> postgres;

  private TestStores(Supplier<PostgresServer> postgres) {
    this.postgres = postgres;
  }

  /**
   * A new, empty store of {@code kind}: the {@code archive} section's keys that reach it (no
   * {@code domain}: the launcher sets that once for every piece). The embedded directory is an
   * absolute path, so that a server process started in another directory opens the same store.
   */
  public JsonObject fresh(Kind kind) {
    if (kind == Kind.EMBEDDED) {
      return new JsonObject().put("directory",
          Path.of("target", "archive-tests", UUID.randomUUID().toString()).toAbsolutePath().toString());
    }
    PostgresServer server = postgres.get();
    return new JsonObject().put("store", "postgresql").put("postgresql", new JsonObject()
        .put("port", server.port()).put("database", server.createDatabase())
        .put("user", PostgresServer.USER).put("password", PostgresServer.PASSWORD));
  }

  /** The run's PostgreSQL server, started if this is its first use. */
  public PostgresServer postgres() {
    return postgres.get();
  }

  /** Gives tests a {@link TestStores}; one PostgreSQL server per test run, closed at its end. */
  public static final class Extension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestStores.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == TestStores.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      ExtensionContext.Store root = c.getRoot().getStore(NS);
      return new TestStores(() -> root.getOrComputeIfAbsent(PostgresServer.class, k -> PostgresServer.start(),
          PostgresServer.class));
    }
  }
}
