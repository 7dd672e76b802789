package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A password in {@code http_roster_url} never reaches a log line or a failure reason. */
class LoggedUrlTest {
  @Test
  void passwordIsMasked() {
    assertEquals("https://app:***@example.com/c/bob", RosterUrl.withoutCredentials("https://app:s3cret@example.com/c/bob"));
    assertEquals("http://example.com/c/a%40b", RosterUrl.withoutCredentials("http://example.com/c/a%40b"));
    assertEquals("http://example.com/c/x?a=b@c", RosterUrl.withoutCredentials("http://example.com/c/x?a=b@c"));
  }
}
