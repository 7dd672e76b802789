package dev.rosterd.fetcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosterd.common.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A bad fetcher config names the key at fault. */
class RosterFetcherOptionsTest {
  private static JsonObject valid() {
    return new JsonObject().put("domain", "example.com").put("http_roster_url", "http://app/contacts/%s");
  }

  private static String badKey(JsonObject config) {
    return assertThrows(ConfigException.class, () -> new RosterFetcherOptions(config)).key();
  }

  @Test
  void defaults() {
    RosterFetcherOptions o = new RosterFetcherOptions(valid());
    assertEquals(RosterFetcherOptions.DEFAULT_TIMEOUT_MS, o.timeoutMs());
    assertEquals(RosterFetcherOptions.DEFAULT_MAX_IN_FLIGHT, o.maxInFlight());
    assertEquals(RosterFetcherOptions.DEFAULT_MAX_BODY_BYTES, o.maxBodyBytes());
    assertEquals(RosterFetcherOptions.DEFAULT_MAX_IN_FLIGHT_PER_USER, o.maxInFlightPerUser());
    assertEquals(false, o.followCrossOriginRedirects());
  }

  @Test
  void badKeysAreNamed() {
    assertEquals("rosterFetcher.http_roster_url", badKey(valid().put("http_roster_url", "http://app/contacts")));
    assertEquals("rosterFetcher.http_roster_url", badKey(valid().put("http_roster_url", "ftp://app/%s")));
    assertEquals("rosterFetcher.http_roster_url", badKey(valid().copy().put("http_roster_url", null)));
    assertEquals("rosterFetcher.domain", badKey(valid().put("domain", "")));
    assertEquals("rosterFetcher.timeoutMs", badKey(valid().put("timeoutMs", 0)));
    assertEquals("rosterFetcher.headers.X", badKey(valid().put("headers", new JsonObject().put("X", 1))));
    assertEquals("rosterFetcher.timeout", badKey(valid().put("timeout", 5)));
    assertEquals("rosterFetcher.maxInFlightPerUser", badKey(valid().put("maxInFlightPerUser", 0)));
    assertEquals("rosterFetcher.followCrossOriginRedirects", badKey(valid().put("followCrossOriginRedirects", "yes")));
  }
}
