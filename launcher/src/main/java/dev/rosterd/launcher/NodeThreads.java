package dev.rosterd.launcher;

import io.vertx.core.VertxOptions;

/** The thread pools every node starts with, clustered or not; {@link NodeMetrics} adds its metrics. */
final class NodeThreads {
  /**
   * Threads of Vert.x's internal blocking pool, which reads the config file for the watcher every
   * {@code watchConfigMs} and loads TLS keys. Its fixed pool starts a new thread for each task until
   * it is full, so Vert.x's 20 became 20 idle threads (about 2 MB of RSS) within a minute of start.
   */
  static final int INTERNAL_BLOCKING_THREADS = 4;

  private NodeThreads() {}

  static VertxOptions options() {
    return new VertxOptions().setInternalBlockingPoolSize(INTERNAL_BLOCKING_THREADS);
  }
}
