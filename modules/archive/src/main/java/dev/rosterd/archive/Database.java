package dev.rosterd.archive;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive's store behind one {@link Pool}: H2 through the JDBC client (which runs the blocking
 * driver on worker threads) or PostgreSQL through the reactive client. Every query is written once,
 * with {@code ?} placeholders, and numbered for PostgreSQL here.
 */
final class Database {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\?");
  private static final int CONNECT_TIMEOUT_MS = 5000;
  private static final int EMBEDDED_POOL_SIZE = 4;
  /** The most values in one {@code IN} list. */
  private static final int IN_LIST = 100;

  private final Pool pool;
  private final String name;
  private final boolean numbered;

  private Database(Pool pool, String name, boolean numbered) {
    this.pool = pool;
    this.name = name;
    this.numbered = numbered;
  }

  /** The store the options name; the embedded one's directory is created first. */
  static Future<Database> open(Vertx vertx, ArchiveOptions options) {
    if (options.postgresql()) {
      return Future.succeededFuture(postgres(vertx, options.postgres()));
    }
    Path dir = Path.of(options.directory()).toAbsolutePath().normalize();
    return vertx.fileSystem().mkdirs(dir.toString())
        .recover(e -> Future.failedFuture(new StoreFailure(
            ArchiveOptions.SECTION + ".directory: cannot create the directory " + dir + " (" + e.getMessage() + ")")))
        .map(v -> embedded(vertx, dir));
  }

  private static Database embedded(Vertx vertx, Path dir) {
    // H2 writes commits to its file in the background, every 500 ms or when enough is unsaved;
    // persist() writes them at once where that matters. (WRITE_DELAY=0 would write the file on
    // every statement, several times per message.)
    String url = "jdbc:h2:file:" + dir.resolve("archive");
    Pool pool = JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(url).setUser("rosterd"),
        new PoolOptions().setMaxSize(EMBEDDED_POOL_SIZE).setName("rosterd-archive-" + dir));
    return new Database(pool, "embedded " + dir, false);
  }

  private static Database postgres(Vertx vertx, PostgresOptions o) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(o.host()).setPort(o.port()).setDatabase(o.database()).setUser(o.user());
    if (o.password() != null) {
      connect.setPassword(o.password());
    }
    switch (o.sslMode()) {
      case "require" -> connect.setSslMode(SslMode.REQUIRE)
          .setSslOptions(new ClientSSLOptions().setTrustAll(true));
      case "verify-full" -> {
        ClientSSLOptions ssl = new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS");
        if (o.caPath() != null) {
          ssl.setTrustOptions(new PemTrustOptions().addCertPath(o.caPath()));
        }
        connect.setSslMode(SslMode.VERIFY_FULL).setSslOptions(ssl);
      }
      default -> connect.setSslMode(SslMode.DISABLE);
    }
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(o.poolSize()).setConnectionTimeout(CONNECT_TIMEOUT_MS / 1000))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS))
        .connectingTo(connect)
        .using(vertx)
        .build();
    return new Database(pool, "postgresql " + o.host() + ":" + o.port() + "/" + o.database(), true);
  }

  /**
   * Makes what was committed so far survive the process being killed, before an answer says it
   * was kept: H2's {@code CHECKPOINT} writes it to the file (no {@code fsync}, see docs/archive.md);
   * on PostgreSQL a commit is already durable, so nothing is done.
   */
  Future<Void> persist() {
    return numbered ? Future.succeededFuture() : run(pool, "CHECKPOINT").mapEmpty();
  }

  /** The store as log lines and errors name it, e.g. {@code postgresql db:5432/rosterd}. */
  String name() {
    return name;
  }

  Pool pool() {
    return pool;
  }

  /** Runs one statement with {@code ?} placeholders on {@code client} (the pool or a transaction). */
  Future<RowSet<Row>> run(SqlClient client, String sql, Object... params) {
    return client.preparedQuery(sql(sql)).execute(Tuple.from(params));
  }

  /** Runs one statement once per parameter list. */
  Future<RowSet<Row>> batch(SqlClient client, String sql, List<Tuple> params) {
    return client.preparedQuery(sql(sql)).executeBatch(params);
  }

  /**
   * Runs {@code sql}, whose {@code %s} stands for an {@code IN} list, once per chunk of
   * {@code values}, one after the other, and hands every row to {@code each}.
   */
  Future<Void> forEachChunk(SqlClient client, String sql, Collection<String> values, Consumer<Row> each) {
    List<String> all = List.copyOf(values);
    Future<?> f = Future.succeededFuture();
    for (int from = 0; from < all.size(); from += IN_LIST) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
      f = f.compose(x -> run(client, sql.formatted(placeholders(chunk.size())), chunk.toArray()))
          .map(rows -> {
            rows.forEach(each);
            return null;
          });
    }
    return f.mapEmpty();
  }

  /** {@code n} placeholders for an {@code IN} list: {@code ?, ?, ?}. */
  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** {@code sql} with {@code ?} placeholders as this store's client expects them. */
  String sql(String sql) {
    if (!numbered) {
      return sql;
    }
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder();
    int n = 0;
    while (m.find()) {
      m.appendReplacement(out, "\\$" + (++n));
    }
    m.appendTail(out);
    return out.toString();
  }

  Future<Void> close() {
    return pool.close();
  }

  /** The store cannot be used: its text names the store or the config key. */
  static final class StoreFailure extends RuntimeException {
    StoreFailure(String message) {
      super(message, null, false, false);
    }
  }
}
