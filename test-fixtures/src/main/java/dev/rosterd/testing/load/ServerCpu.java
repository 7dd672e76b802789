package dev.rosterd.testing.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time the server process has used, user and system, from {@code /proc/<pid>/stat} (Linux).
 * Logins per second depend on how much of the machine the server gets beside the harness and
 * whatever else runs; the CPU a login costs the server does not, so it is reported beside them.
 */
final class ServerCpu {
  /** Linux reports these times in USER_HZ, which is 100 on every architecture it supports. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ServerCpu() {}

  /** CPU seconds used so far, read on a worker thread; fails when the process is missing. */
  static Future<Double> seconds(Vertx vertx, long pid) {
    return vertx.executeBlocking(() -> {
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      try {
        String line = Files.readString(stat);
        // The command name (field 2) may hold spaces; fields count from after its closing parenthesis.
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("cannot read " + stat + " (is --server-pid right?): " + e, e);
      }
    });
  }
}
