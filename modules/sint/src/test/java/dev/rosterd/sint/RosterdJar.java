package dev.rosterd.sint;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built rosterd.jar in a JVM of its own, on a config file, as an operator runs it. Its
 * standard error (its log) is kept, so the suite can wait for the line that names the port the
 * c2s got, and show the log when something goes wrong.
 *
 * <p>The launcher's tests have a fuller runner; this module cannot share their class path (see the
 * pom), so it has this small one.
 */
final class RosterdJar implements AutoCloseable {
  private static final long WAIT_SECONDS = 60;

  private final Process process;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> logClosed = new CompletableFuture<>();
  private final List<Runnable> logWatchers = new CopyOnWriteArrayList<>();

  private RosterdJar(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLog, "rosterd-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** Writes {@code config} to {@code dir/rosterd.json} and starts the jar on it, in {@code dir}. */
  static RosterdJar start(Path dir, JsonObject config) throws IOException {
    Path file = dir.resolve("rosterd.json");
    Files.writeString(file, config.encodePrettily());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar().toString(), "-conf", file.toString());
    pb.directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return new RosterdJar(pb.start());
  }

  /** The jar the launcher module built (system property {@code rosterd.jar}, set by failsafe). */
  private static Path jar() {
    String jar = System.getProperty("rosterd.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("rosterd.jar not built (run the suite with mvn verify): " + jar);
    }
    return Path.of(jar);
  }

  /** Waits for a log line in which {@code pattern} is found, and returns the match. */
  Matcher awaitLog(Pattern pattern) throws Exception {
    CompletableFuture<Matcher> found = new CompletableFuture<>();
    // Watch before looking at what already arrived, so that no line slips between the two.
    Runnable look = () -> log.stream().map(pattern::matcher).filter(Matcher::find).findFirst().ifPresent(found::complete);
    logWatchers.add(look);
    look.run();
    try {
      CompletableFuture.anyOf(found, logClosed).get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("rosterd did not log " + pattern + " in " + WAIT_SECONDS + " s:\n" + log());
    } finally {
      logWatchers.remove(look);
    }
    if (!found.isDone()) {
      throw new AssertionError("rosterd ended without logging " + pattern + ":\n" + log());
    }
    return found.get();
  }

  /** Everything rosterd logged so far. */
  String log() {
    return String.join("\n", log);
  }

  @Override
  public void close() throws Exception {
    process.toHandle().destroy();
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private void readLog() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        log.add(line);
        logWatchers.forEach(Runnable::run);
      }
    } catch (IOException e) {
      log.add("(reading rosterd's log failed: " + e + ")");
    } finally {
      logClosed.complete(null);
    }
  }
}
