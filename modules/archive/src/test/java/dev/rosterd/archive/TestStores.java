package dev.rosterd.archive;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Fresh stores for the tests, each as the {@code archive} section that reaches it: an embedded one
 * in a new directory under {@code target/}, or a new database on the run's one {@link
 * PostgresServer}, started on first use and stopped when the run ends. Resolved as a test parameter
 * by {@link Extension}.
 */
final class TestStores {
  /** The store kinds every store test runs on. */
  enum Kind {
    EMBEDDED, POSTGRESQL
  }

  private final Supplier<PostgresServer> postgres;

  private TestStores(Supplier<PostgresServer> postgres) {
    this.postgres = postgres;
  }

  /** A new, empty store of {@code kind}: its deployment config (section plus domain). */
  JsonObject fresh(Kind kind) {
    JsonObject config = new JsonObject().put("domain", "example.com");
    if (kind == Kind.EMBEDDED) {
      return config.put("directory", Path.of("target", "archive-tests", UUID.randomUUID().toString()).toString());
    }
    PostgresServer server = postgres.get();
    return config.put("store", "postgresql").put("postgresql", new JsonObject()
        .put("port", server.port()).put("database", server.createDatabase())
        .put("user", PostgresServer.USER).put("password", PostgresServer.PASSWORD));
  }

  PostgresServer postgres() {
    return postgres.get();
  }

  /** Gives tests a {@link TestStores}; one PostgreSQL server per test run, closed at its end. */
  static final class Extension implements ParameterResolver {
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
