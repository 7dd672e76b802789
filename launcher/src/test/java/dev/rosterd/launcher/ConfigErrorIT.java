package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar refuses a bad config with one line naming the key, before it opens any port; and
 * a piece that cannot start stops the whole process.
 */
class ConfigErrorIT {
  @TempDir Path dir;

  private static JsonObject config(int c2sPort) {
    return new JsonObject()
        .put("domain", "localhost")
        .put("auth", new JsonObject().put("users", new JsonObject().put("alice", "secret")))
        .put("c2s", new JsonObject().put("host", "127.0.0.1").put("port", c2sPort));
  }

  private String badConfigLine(String problem) throws Exception {
    return "rosterd: bad config " + dir.resolve("rosterd.json").toRealPath() + ": " + problem;
  }

  @Test
  void wrongTypeExitsWithOneLineNamingTheKey() throws Exception {
    JsonObject config = config(0);
    config.getJsonObject("c2s").put("port", "abc");
    try (RosterdProcess rosterd = RosterdProcess.start(dir, config)) {
      assertEquals(Main.EXIT_CONFIG, rosterd.exitCode());
      assertEquals(
          List.of(badConfigLine("c2s.port: expected an integer from 0 to 65535, got \"abc\"")),
          rosterd.stderrLines());
    }
  }

  @Test
  void unknownTopLevelKeyExitsWithOneLineNamingTheKey() throws Exception {
    try (RosterdProcess rosterd =
        RosterdProcess.start(dir, config(0).put("rosterFetch", new JsonObject()))) {
      assertEquals(Main.EXIT_CONFIG, rosterd.exitCode());
      assertEquals(List.of(badConfigLine("rosterFetch: unknown key")), rosterd.stderrLines());
    }
  }

  @Test
  void theConfigPathMayComeFromTheEnvironment() throws Exception {
    JsonObject config = config(0);
    config.remove("domain");
    try (RosterdProcess rosterd = RosterdProcess.startFromEnvironment(dir, config)) {
      assertEquals(Main.EXIT_CONFIG, rosterd.exitCode());
      assertEquals(
          List.of(badConfigLine("domain: is required (a non-empty string)")),
          rosterd.stderrLines());
    }
  }

  @Test
  void theWholeConfigIsCheckedBeforeAnyPortOpens() throws Exception {
    // The c2s's port is taken: had the c2s been deployed before the bad section was checked, the
    // process would fail on the port instead of naming the key.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      JsonObject config =
          config(taken.getLocalPort())
              .put("subscriptionBlocking", new JsonObject().put("policy", "bounce"));
      try (RosterdProcess rosterd = RosterdProcess.start(dir, config)) {
        assertEquals(Main.EXIT_CONFIG, rosterd.exitCode());
        assertEquals(
            List.of(
                badConfigLine(
                    "subscriptionBlocking.policy: expected one of drop, error, got \"bounce\"")),
            rosterd.stderrLines());
      }
    }
  }

  @Test
  void aPortInUseStopsTheProcessWithStatusOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      try (RosterdProcess rosterd = RosterdProcess.start(dir, config(taken.getLocalPort()))) {
        assertEquals(Main.EXIT_START, rosterd.exitCode());
        String failure = rosterd.awaitLine("rosterd did not start: cannot deploy c2s: ");
        assertTrue(failure.contains("ERROR"), failure);
        assertTrue(rosterd.stderrLines().stream().noneMatch(l -> l.contains("rosterd started")));
      }
    }
  }
}
