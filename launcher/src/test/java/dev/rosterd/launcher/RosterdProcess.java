package dev.rosterd.launcher;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built rosterd.jar run as a separate process, as an operator runs it, with the JVM options
 * the repository ships: {@code java @conf/jvm.options -jar rosterd.jar -conf <file>}. Its standard
 * error (where it logs) is collected line by line, and a test waits for a line rather than
 * sleeping.
 */
final class RosterdProcess implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final List<String> errLines = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> lineWaiters = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> errClosed = new CompletableFuture<>();

  private RosterdProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readErr, "rosterd-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  /** The jar the build made (system property {@code rosterd.jar}, set by failsafe). */
  static Path jar() {
    String jar = System.getProperty("rosterd.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("rosterd.jar not built (run these tests with mvn verify): " + jar);
    }
    return Path.of(jar);
  }

  /** Writes {@code config} to {@code dir/rosterd.json} and starts the jar on it in {@code dir}. */
  static RosterdProcess start(Path dir, JsonObject config) throws IOException {
    Path file = write(dir, config);
    return start(dir, new ProcessBuilder(java(), jvmOptions(), "-jar", jar().toString(), "-conf", file.toString()));
  }

  /** The same, with the config's path in the environment variable instead of {@code -conf}. */
  static RosterdProcess startFromEnvironment(Path dir, JsonObject config) throws IOException {
    Path file = write(dir, config);
    ProcessBuilder pb = new ProcessBuilder(java(), jvmOptions(), "-jar", jar().toString());
    pb.environment().put(Main.CONF_ENV, file.toString());
    return start(dir, pb);
  }

  private static Path write(Path dir, JsonObject config) throws IOException {
    Path file = dir.resolve("rosterd.json");
    Files.writeString(file, config.encodePrettily());
    return file;
  }

  /** {@code @conf/jvm.options} of this repository (the tests run in the launcher's folder). */
  private static String jvmOptions() {
    return "@" + Path.of("..", "conf", "jvm.options").toAbsolutePath().normalize();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static RosterdProcess start(Path dir, ProcessBuilder pb) throws IOException {
    pb.directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return new RosterdProcess(pb.start());
  }

  /** Waits for a line of standard error containing {@code text}, and returns it. */
  String awaitLine(String text) throws Exception {
    return awaitMatch(Pattern.compile(".*" + Pattern.quote(text) + ".*")).group();
  }

  /** Waits for a line of standard error in which {@code pattern} is found; returns the match. */
  Matcher awaitMatch(Pattern pattern) throws Exception {
    return awaitMatch(pattern, 1);
  }

  /**
   * Waits for the {@code nth} line (counting from 1) of standard error in which {@code pattern} is
   * found, e.g. the log line of a piece's second deployment; returns the match.
   */
  Matcher awaitMatch(Pattern pattern, int nth) throws Exception {
    CompletableFuture<Matcher> found = new CompletableFuture<>();
    // A line can reach the check twice (from the reader and from the look at errLines), so
    // matches are counted by line object, not by call.
    Set<String> matched = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    Consumer<String> check =
        line -> {
          Matcher m = pattern.matcher(line);
          if (m.find() && matched.add(line) && matched.size() == nth) {
            found.complete(m);
          }
        };
    // Registered before looking at what already arrived, so no line slips between the two.
    lineWaiters.add(check);
    errLines.forEach(check);
    try {
      CompletableFuture.anyOf(found, errClosed).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("rosterd did not log " + pattern + " in " + WAIT + ":\n" + stderr());
    } finally {
      lineWaiters.remove(check);
    }
    if (!found.isDone()) {
      throw new AssertionError("rosterd ended without logging " + pattern + ":\n" + stderr());
    }
    return found.get();
  }

  /** How many lines of standard error so far contain a match of {@code pattern}. */
  int matchingLines(Pattern pattern) {
    return (int) errLines.stream().filter(l -> pattern.matcher(l).find()).count();
  }

  /** The port in the first group of a log line matching {@code pattern}. */
  int loggedPort(Pattern pattern) throws Exception {
    return Integer.parseInt(awaitMatch(pattern).group(1));
  }

  /**
   * Sends SIGTERM. Through the {@link ProcessHandle}, because {@link Process#destroy} also closes
   * our end of the pipes, and the log lines of the shutdown would be lost.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  /**
   * Sends SIGKILL (on Linux {@link ProcessHandle#destroyForcibly} is {@code kill -9}): no shutdown
   * hook runs and nothing is closed or flushed, as when the machine's OOM killer strikes. Through
   * the handle, as in {@link #terminate}, so that what the process wrote before is still read.
   */
  void kill() {
    process.toHandle().destroyForcibly();
  }

  /** Waits for the process to end and returns its exit status; all of stderr has been read. */
  int exitCode() throws Exception {
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("rosterd did not exit in " + WAIT + ":\n" + stderr());
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
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        errLines.add(line);
        for (Consumer<String> w : lineWaiters) {
          w.accept(line);
        }
      }
    } catch (IOException e) {
      errLines.add("(reading stderr failed: " + e + ")");
    } finally {
      errClosed.complete(null);
    }
  }
}
