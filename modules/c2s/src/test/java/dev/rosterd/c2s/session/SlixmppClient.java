package dev.rosterd.c2s.session;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A slixmpp client (Debian's {@code python3-slixmpp}, which {@code .ci/run} installs) running one
 * of the scripts in the test resources' {@code slixmpp/} folder, as a process of its own. The
 * script reports on stdout, one JSON object a line; anything else it prints (slixmpp's log) is
 * kept to explain a failure. Debian's Python is used, not whatever {@code python3} is first on the
 * PATH: that is where the package is.
 */
final class SlixmppClient implements AutoCloseable {
  /** Debian's interpreter; {@code -Drosterd.python=...} overrides. */
  private static final Path PYTHON = Path.of(System.getProperty("rosterd.python", "/usr/bin/python3"));
  static final long TIMEOUT_S = 30;
  private static final JsonObject EXITED = new JsonObject().put("event", "exited");

  private final Process process;
  private final BlockingQueue<JsonObject> reports = new LinkedBlockingQueue<>();
  private final List<String> log = new ArrayList<>();

  private SlixmppClient(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "slixmpp-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Runs {@code script} with {@code args}. Without Python or slixmpp the test fails, saying what to
   * install: a test of a second client library that skips proves nothing.
   */
  static SlixmppClient run(String script, List<String> args) throws Exception {
    requireSlixmpp();
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-u", script(script).toString()));
    command.addAll(args);
    return new SlixmppClient(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private static void requireSlixmpp() throws Exception {
    String missing = "needs Debian's python3-slixmpp (for " + PYTHON + "): apt-get install python3-slixmpp";
    if (!Files.isExecutable(PYTHON)) {
      fail(missing);
    }
    Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import slixmpp").redirectErrorStream(true).start();
    if (!probe.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || probe.exitValue() != 0) {
      fail(missing + "; " + new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }

  private static Path script(String name) throws URISyntaxException {
    var url = SlixmppClient.class.getResource("/slixmpp/" + name);
    if (url == null) {
      throw new IllegalStateException("missing test resource /slixmpp/" + name);
    }
    return Path.of(url.toURI());
  }

  private void read() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        JsonObject report = parse(line);
        if (report == null) {
          synchronized (log) {
            log.add(line);
          }
        } else {
          reports.add(report);
        }
      }
    } catch (IOException e) {
      synchronized (log) {
        log.add("(reading slixmpp's output failed: " + e + ")");
      }
    } finally {
      reports.add(EXITED);
    }
  }

  private static JsonObject parse(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      return new JsonObject(line);
    } catch (DecodeException e) {
      return null;
    }
  }

  /** The script's next report; fails if none comes in {@link #TIMEOUT_S} or the script ended. */
  JsonObject next() throws InterruptedException {
    JsonObject report = reports.poll(TIMEOUT_S, TimeUnit.SECONDS);
    if (report == null) {
      fail("slixmpp reported nothing in " + TIMEOUT_S + " s; its log: " + log());
    }
    if (report == EXITED) {
      fail("slixmpp ended; its log: " + log());
    }
    if ("error".equals(report.getString("event"))) {
      fail("slixmpp: " + report.getString("reason") + "; its log: " + log());
    }
    return report;
  }

  /** Waits for the script to exit; returns its exit status. */
  int exitValue() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
      fail("slixmpp did not exit in " + TIMEOUT_S + " s; its log: " + log());
    }
    return process.exitValue();
  }

  String log() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
