package dev.rosterd.launcher;

import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * Gives the JVM's common fork-join pool at least two threads before anything uses it.
 *
 * <p>Why: Hazelcast completes every asynchronous operation (the map reads and writes, counters and
 * entry processors behind clustered shared data) through its default async executor. That is the
 * common pool, unless the pool's parallelism is 1, in which case Hazelcast (like {@code
 * CompletableFuture}) starts a new thread for every callback. The JDK sizes the pool to the cores
 * minus one, so on a 2-core machine a clustered node started about 100,000 threads in four minutes
 * of logins and ran at a few dozen logins a second (docs/BENCHMARKS.md, "Clustered logins").
 *
 * <p>The pool's size is read once, from the system property {@value #PROPERTY}, when the pool is
 * first used; so this runs first thing in {@link Main#main}. An operator's own value of the
 * property is kept.
 */
final class CommonPoolParallelism {
  static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
  static final int AT_LEAST = 2;

  private CommonPoolParallelism() {}

  /** Sets {@value #PROPERTY} to {@value #AT_LEAST} unless it is set or the cores give more. */
  static void raise() {
    raised(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors())
        .ifPresent(value -> System.setProperty(PROPERTY, value));
  }

  /**
   * The value to give {@value #PROPERTY}, if any: none when the operator set one, or when the JDK's
   * own choice (processors minus one) is already at least {@value #AT_LEAST}.
   */
  static Optional<String> raised(String operatorValue, int processors) {
    return operatorValue == null && processors - 1 < AT_LEAST
        ? Optional.of(Integer.toString(AT_LEAST))
        : Optional.empty();
  }

  /** True when Hazelcast's callbacks run on the pool rather than on a new thread each. */
  static boolean parallel() {
    return ForkJoinPool.getCommonPoolParallelism() > 1;
  }
}
