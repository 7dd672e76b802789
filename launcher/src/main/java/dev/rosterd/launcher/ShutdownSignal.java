package dev.rosterd.launcher;

import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a future, so the launcher can close Vert.x (each XMPP stream then ends
 * with {@code <system-shutdown/>}) and exit 0. A JVM shutdown hook would not do: once the JVM runs
 * its hooks after a SIGTERM, the exit status is already 143.
 */
final class ShutdownSignal {
  private final CompletableFuture<String> received = new CompletableFuture<>();

  private ShutdownSignal() {}

  /** Takes over TERM and INT for this process. */
  static ShutdownSignal install() {
    ShutdownSignal s = new ShutdownSignal();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), sig -> s.received.complete("SIG" + sig.getName()));
    }
    return s;
  }

  /** Completes with the signal's name (e.g. {@code SIGTERM}) when one arrives. */
  CompletableFuture<String> received() {
    return received;
  }
}
