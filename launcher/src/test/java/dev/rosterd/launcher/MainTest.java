package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void theConfigPathComesFromTheCommandLineFirst() {
    assertEquals(Path.of("a.json"), Main.confPath(List.of("-conf", "a.json"), "b.json"));
  }

  @Test
  void elseFromTheEnvironment() {
    assertEquals(Path.of("b.json"), Main.confPath(List.of(), "b.json"));
  }

  @Test
  void neitherIsAUsageError() {
    assertThrows(IllegalArgumentException.class, () -> Main.confPath(List.of(), null));
    assertThrows(IllegalArgumentException.class, () -> Main.confPath(List.of(), " "));
  }

  @Test
  void otherArgumentsAreAUsageError() {
    assertThrows(IllegalArgumentException.class, () -> Main.confPath(List.of("-conf"), null));
    assertThrows(
        IllegalArgumentException.class, () -> Main.confPath(List.of("--port", "5222"), null));
  }
}
