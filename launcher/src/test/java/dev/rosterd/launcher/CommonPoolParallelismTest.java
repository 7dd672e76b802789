package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class CommonPoolParallelismTest {
  @Test
  void smallMachinesGetTwoThreads() {
    assertEquals(Optional.of("2"), CommonPoolParallelism.raised(null, 1));
    assertEquals(Optional.of("2"), CommonPoolParallelism.raised(null, 2));
  }

  @Test
  void largerMachinesKeepTheJdksChoice() {
    assertEquals(Optional.empty(), CommonPoolParallelism.raised(null, 3));
    assertEquals(Optional.empty(), CommonPoolParallelism.raised(null, 16));
  }

  @Test
  void anOperatorsValueIsKept() {
    assertEquals(Optional.empty(), CommonPoolParallelism.raised("1", 2));
  }

  @Test
  void theJarStartsWithAParallelPoolOnTwoCores() throws Exception {
    // What Main does first, in a JVM that believes it has two cores, as on the benchmark machines.
    Process p = new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"),
            "-XX:ActiveProcessorCount=2",
            "-cp", System.getProperty("java.class.path"),
            Probe.class.getName())
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertEquals(0, p.waitFor());
    assertEquals("2", out);
  }

  /** Runs {@link CommonPoolParallelism#raise} and prints the pool's parallelism. */
  public static final class Probe {
    public static void main(String[] args) {
      CommonPoolParallelism.raise();
      System.out.println(ForkJoinPool.getCommonPoolParallelism());
    }
  }
}
