package dev.rosterd.common.jid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JidsTest {
  @BeforeAll
  static void precis() {
    Jids.setUp();
  }

  @Test
  void normalisesTheLocalPartWithPrecis() {
    assertEquals("juliet@example.com", Jids.parseBare("Juliet@Example.COM").orElseThrow().toString());
  }

  @Test
  void refusesFullJidsWhereABareOneIsWanted() {
    assertTrue(Jids.parseBare("juliet@example.com/balcony").isEmpty());
  }

  @Test
  void buildsBareJidsFromPartsWithoutReparsingSeparators() {
    assertTrue(Jids.bare("a@b", "example.com").isEmpty());
    assertEquals("zoë@example.com", Jids.bare("zoë", "example.com").orElseThrow().toString());
  }
}
