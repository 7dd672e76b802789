package dev.rosterd.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.vertx.core.json.JsonObject;

/**
 * The built rosterd.jar run as a separate process, as an operator runs it: {@code java -jar
 * rosterd.jar -conf <file>}. Its standard error (where it logs) is collected line by line, and a
 * test waits for a line rather than sleeping.
 */
final class RosterdProcess implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final List<String> errLines = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<String>> waiters = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> errClosed = new CompletableFuture<>();

  private RosterdProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readErr, "rosterd-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  /** The jar failsafe built (system property {@code rosterd.jar}). */
  static Path jar() {
    String jar = System.getProperty("rosterd.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("rosterd.jar not built (run these tests with mvn verify): " + jar);
    }
    return Path.of(jar);
  }

  /** Writes {@code config} to a file in {@code dir} and starts the jar on it. */
  static RosterdProcess start(Path dir, JsonObject config) throws IOException {
    Path file = dir.resolve("rosterd.json");
    Files.writeString(file, config.encodePrettily());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(java, "-jar", jar().toString(), "-conf", file.toString())
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return new RosterdProcess(pb.start());
  }

  /**
   * A TCP port that was free a moment ago: the jar is a separate process, so the test cannot read
   * back the port a listener got for port 0 and must choose one.
   */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a line of standard error containing {@code text}, and returns it. */
  String awaitLine(String text) throws Exception {
    CompletableFuture<String> f = waiters.computeIfAbsent(text, t -> new CompletableFuture<>());
    for (String line : errLines) {
      if (line.contains(text)) {
        f.complete(line);
      }
    }
    CompletableFuture.anyOf(f, errClosed).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (!f.isDone()) {
      throw new AssertionError("rosterd ended without logging \"" + text + "\":\n" + stderr());
    }
    return f.get();
  }

  /** Sends SIGTERM (what {@link Process#destroy} does on Unix). */
  void terminate() {
    process.destroy();
  }

  /** Waits for the process to end and returns its exit status; all of stderr has been read. */
  int exitCode() throws Exception {
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new TimeoutException("rosterd did not exit:\n" + stderr());
    }
    errClosed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return process.exitValue();
  }

  /** Everything it wrote to standard error so far. */
  String stderr() {
    return String.join("\n", errLines);
  }

  List<String> stderrLines() {
    return new ArrayList<>(errLines);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private void readErr() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        errLines.add(line);
        for (Map.Entry<String, CompletableFuture<String>> w : waiters.entrySet()) {
          if (line.contains(w.getKey())) {
            w.getValue().complete(line);
          }
        }
      }
    } catch (IOException e) {
      errLines.add("(reading stderr failed: " + e + ")");
    } finally {
      errClosed.complete(null);
    }
  }
}
