package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar refuses a bad config with one line naming the key, before it starts anything. */
class ConfigErrorIT {
  @TempDir Path dir;

  @Test
  void wrongTypeInASectionExitsWithOneLineNamingTheKey() throws Exception {
    JsonObject config =
        new JsonObject()
            .put("domain", "localhost")
            .put("auth", new JsonObject().put("users", new JsonObject().put("alice", "secret")))
            .put(
                "rosterFetcher",
                new JsonObject()
                    .put("http_roster_url", "http://127.0.0.1:1/roster/%s")
                    .put("timeoutMs", "abc"));
    try (RosterdProcess rosterd = RosterdProcess.start(dir, config)) {
      assertEquals(Main.EXIT_CONFIG, rosterd.exitCode());
      assertEquals(
          List.of(
              "rosterd: bad config "
                  + dir.resolve("rosterd.json").toRealPath()
                  + ": rosterFetcher.timeoutMs: expected an integer from 1 to 600000, got \"abc\""),
          rosterd.stderrLines());
    }
  }

  @Test
  void unknownTopLevelKeyExitsWithOneLineNamingTheKey() throws Exception {
    JsonObject config =
        new JsonObject()
            .put("domain", "localhost")
            .put("auth", new JsonObject())
            .put("rosterFetch", new JsonObject());
    try (RosterdProcess rosterd = RosterdProcess.start(dir, config)) {
      assertEquals(Main.EXIT_CONFIG, rosterd.exitCode());
      assertEquals(
          List.of(
              "rosterd: bad config "
                  + dir.resolve("rosterd.json").toRealPath()
                  + ": rosterFetch: unknown key"),
          rosterd.stderrLines());
    }
  }
}
