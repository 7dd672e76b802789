package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident set size of the server process, from {@code /proc/<pid>/status} (Linux). */
final class ServerMemory {
  private ServerMemory() {}

  /** {@code VmRSS} in KiB, read on a worker thread; fails when the process or the line is missing. */
  static Future<Long> rssKb(Vertx vertx, long pid) {
    return vertx.executeBlocking(() -> {
      Path status = Path.of("/proc", Long.toString(pid), "status");
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + status + " (is --server-pid right?): " + e, e);
      }
      throw new IllegalStateException(status + " has no VmRSS line");
    });
  }
}
