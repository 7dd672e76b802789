package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A body that is not a JSON array of valid usernames is 400 with a JSON message saying what was
 * wrong, and nobody is refreshed, not even the valid names before the bad one (the reference hung
 * or answered a bare 500).
 */
@ExtendWith(VertxExtension.class)
class InvalidRefreshBodyTest {
  private AdminHarness h;

  @BeforeEach
  void start(Vertx vertx) {
    h = AdminHarness.start(vertx, new JsonObject());
    h.online("alice");
  }

  private void assertRejected(String body, String messagePart) {
    HttpResponse<Buffer> r = h.post(body);
    assertEquals(400, r.statusCode(), String.valueOf(body));
    assertEquals("application/json", r.getHeader("Content-Type"));
    JsonObject j = r.bodyAsJsonObject();
    assertEquals("error", j.getString("status"));
    assertTrue(j.getString("message").contains(messagePart), j.getString("message"));
    assertEquals(1, h.backend.requests("alice"), "only the login fetched: nothing refreshed");
  }

  @Test
  void missingBody() {
    assertRejected(null, "missing body");
    assertRejected("", "missing body");
  }

  @Test
  void invalidJson() {
    assertRejected("[\"alice\",", "not valid JSON");
    assertRejected("alice", "not valid JSON");
  }

  @Test
  void notAnArray() {
    assertRejected("{\"a\":1}", "got an object");
    assertRejected("\"alice\"", "got a string");
    assertRejected("null", "got null");
  }

  @Test
  void nonStringElement() {
    assertRejected("[\"alice\", 3]", "element 1 is a number");
    assertRejected("[\"alice\", null]", "element 1 is null");
    assertRejected("[[\"alice\"]]", "element 0 is an array");
  }

  @Test
  void invalidUsername() {
    assertRejected("[\"alice\", \"a b\"]", "element 1 (\"a b\") is not a valid username");
    assertRejected("[\"\"]", "element 0");
  }
}
