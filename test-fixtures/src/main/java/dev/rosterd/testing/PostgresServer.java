package dev.rosterd.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests, started from the machine's server binaries (Debian's
 * {@code postgresql} package; {@code .ci/run} installs it when missing) into a fresh data directory
 * under {@code target/}, on a free loopback port, and stopped when the test run ends. It never
 * touches a system-wide cluster. PostgreSQL refuses to run as root, so as root every command runs
 * as the {@code postgres} user, which then owns the data directory.
 *
 * <p>The binaries are found in {@code $ROSTERD_PG_BIN}, else in {@code pg_config --bindir}, else
 * next to an {@code initdb} on the PATH.
 */
public final class PostgresServer implements ExtensionContext.Store.CloseableResource {
  /** The superuser the cluster is created with; it owns every test database. */
  public static final String USER = "rosterd";
  /** {@link #USER}'s password, for logins over TCP (scram-sha-256). */
  public static final String PASSWORD = "rosterd-test-secret";

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asPostgres;
  private int databases;

  private PostgresServer(Path bin, Path dataDir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Creates a cluster in {@code target/} and starts it. */
  public static PostgresServer start() {
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path base = Path.of("target", "postgres-" + UUID.randomUUID()).toAbsolutePath();
      Path data = base.resolve("data");
      Path pwfile = base.resolve("password");
      Files.createDirectories(data);
      Files.writeString(pwfile, PASSWORD + "\n");
      if (root) {
        UserPrincipal postgres = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        for (Path p : List.of(base, data, pwfile)) {
          Files.setOwner(p, postgres);
        }
      }
      PostgresServer server = new PostgresServer(binaries(), data, freePort(), root);
      server.run("initdb", "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile, "-E", "UTF8", "--no-locale",
          "--auth-local=trust", "--auth-host=scram-sha-256");
      server.up();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot set up a PostgreSQL data directory: " + e, e);
    }
  }

  /** The loopback TCP port it listens on. */
  public int port() {
    return port;
  }

  /** A new empty database owned by {@link #USER}; its name. */
  public String createDatabase() {
    String name = "archive_test_" + (++databases);
    // Over the Unix socket in the data directory (trust); the piece itself logs in over TCP with the
    // password. -w: never prompt for a password, fail instead.
    run("createdb", "-w", "-h", dataDir.toString(), "-p", String.valueOf(port), "-U", USER, name);
    return name;
  }

  /** Starts the server (again), waiting until it accepts connections. */
  public void up() {
    // fsync off: the tests need the server's answers, not durability across a power cut, and
    // thousands of commits are much faster without it. Commits still wait for the server's WAL write.
    run("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dataDir
            + " -c fsync=off -c full_page_writes=off",
        "start");
  }

  /** Stops the server at once (connections are ended), waiting until it is down. */
  public void down() {
    run("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop");
  }

  @Override
  public void close() throws IOException {
    try {
      down();
    } finally {
      try (Stream<Path> files = Files.walk(dataDir.getParent())) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(String tool, String... args) {
    List<String> command = new ArrayList<>();
    if (asPostgres) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output + serverLog());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String serverLog() {
    try {
      return "\nserver log:\n" + Files.readString(dataDir.resolve("server.log"));
    } catch (IOException e) {
      return "";
    }
  }

  private static Path binaries() {
    String env = System.getenv("ROSTERD_PG_BIN");
    List<Path> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor() == 0 && !out.isEmpty()) {
        candidates.add(Path.of(out));
      }
    } catch (IOException e) {
      // no pg_config: try the PATH
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir));
      }
    }
    return candidates.stream()
        .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl"))
            && Files.isExecutable(d.resolve("postgres")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl, postgres):"
            + " install them (Debian: apt-get install postgresql) or set ROSTERD_PG_BIN to their directory"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
