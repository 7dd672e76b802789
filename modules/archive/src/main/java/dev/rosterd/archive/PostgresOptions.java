package dev.rosterd.archive;

import dev.rosterd.common.config.ConfigReader;

/**
 * The {@code archive.postgresql} section: how to reach the PostgreSQL server of the {@code
 * postgresql} store. Every key has a default, so {@code {}} reaches a local server's {@code rosterd}
 * database as user {@code rosterd} without a password (trust or peer authentication).
 */
public final class PostgresOptions {
  /** {@code host}: the server's host name or address. Default {@code "127.0.0.1"}. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** {@code port}: the server's port. Default 5432. */
  public static final int DEFAULT_PORT = 5432;

  /** {@code database}: the database, which must exist (the schema is created in it). Default {@code "rosterd"}. */
  public static final String DEFAULT_DATABASE = "rosterd";

  /** {@code user}: the role to log in as; it must be able to create tables. Default {@code "rosterd"}. */
  public static final String DEFAULT_USER = "rosterd";

  /** {@code password}: the role's password (SCRAM or md5 authentication). Default none. */
  public static final String DEFAULT_PASSWORD = null;

  /**
   * {@code sslMode}: TLS to the server. {@code disable}: none (a server on loopback or a private
   * network); {@code require}: encrypted, the certificate not checked; {@code verify-full}:
   * encrypted, the certificate checked against {@code caPath} (or the JVM's trusted roots) and the
   * host name. Default {@code disable}.
   */
  public static final String DEFAULT_SSL_MODE = "disable";

  /** {@code caPath}: (verify-full) PEM file of the CA certificates to trust. Default: the JVM's roots. */
  public static final String DEFAULT_CA_PATH = null;

  /** {@code poolSize}: connections each archive instance keeps open at most. Default 8. */
  public static final int DEFAULT_POOL_SIZE = 8;

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final String sslMode;
  private final String caPath;
  private final int poolSize;

  PostgresOptions(ConfigReader r) {
    host = r.string("host", DEFAULT_HOST);
    port = r.integer("port", DEFAULT_PORT, 1, 65535);
    database = r.string("database", DEFAULT_DATABASE);
    user = r.string("user", DEFAULT_USER);
    password = r.string("password", DEFAULT_PASSWORD);
    sslMode = r.oneOf("sslMode", DEFAULT_SSL_MODE, "disable", "require", "verify-full");
    caPath = r.string("caPath", DEFAULT_CA_PATH);
    if (caPath != null && !"verify-full".equals(sslMode)) {
      throw r.invalid("caPath", "only goes with \"sslMode\": \"verify-full\"");
    }
    poolSize = r.integer("poolSize", DEFAULT_POOL_SIZE, 1, 1000);
    if (host.isBlank() || database.isBlank() || user.isBlank()) {
      throw r.invalid(host.isBlank() ? "host" : database.isBlank() ? "database" : "user", "must not be empty");
    }
    r.rejectUnknownKeys();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String sslMode() {
    return sslMode;
  }

  public String caPath() {
    return caPath;
  }

  public int poolSize() {
    return poolSize;
  }
}
