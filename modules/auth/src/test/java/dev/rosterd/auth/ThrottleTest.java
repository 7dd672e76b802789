package dev.rosterd.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.AuthOutcome;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.ScramCredentials;
import dev.rosterd.common.bus.ScramLookup;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failure budgets over the event bus: a username that failed {@code userFailures} times is
 * refused from anywhere, even with the right password, while other users and addresses are not;
 * an address that failed {@code peerFailures} times is refused for every user; a success clears
 * the username's budget; SCRAM failures reported by the c2s count like PLAIN ones.
 */
class ThrottleTest {
  private static final String A = "192.0.2.1";
  private static final String B = "192.0.2.2";
  private MeteredAuth auth;
  private Vertx vertx;

  @BeforeEach
  void start() throws Exception {
    JsonObject throttle = new JsonObject().put("userFailures", 3).put("peerFailures", 5);
    auth = new MeteredAuth(new JsonObject().put("domain", "rosterd.test").put("throttle", throttle)
        .put("users", new JsonObject().put("alice", "wonderland").put("bob", "builder")));
    vertx = auth.vertx;
  }

  @AfterEach
  void stop() throws Exception {
    auth.close();
  }

  private boolean plain(String user, String password, String peer) throws Exception {
    return auth.plain(user, password, peer);
  }

  private void assertThrottled(String user, String password, String peer) {
    ReplyException e = assertThrows(ReplyException.class, () -> plain(user, password, peer));
    assertEquals(BusFailure.THROTTLED, e.failureCode(), e.getMessage());
  }

  private double refused(String reason) {
    return auth.refused(reason);
  }

  @Test
  void aUsernameOverBudgetIsRefusedFromAnywhereAndNobodyElseIs() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertFalse(plain("alice", "guess" + i, A));
    }
    assertThrottled("alice", "wonderland", B);
    assertThrottled("Alice", "wonderland", A);
    assertTrue(plain("bob", "builder", A), "another user from the same address");
    assertEquals(2, refused("user-throttled"));
  }

  @Test
  void anAddressOverBudgetIsRefusedForEveryUser() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertFalse(plain("user" + i, "guess", A), "spraying usernames");
    }
    assertThrottled("bob", "builder", A);
    assertTrue(plain("bob", "builder", B), "the same user from another address");
    assertEquals(1, refused("peer-throttled"));
  }

  @Test
  void aSuccessClearsTheUsernamesBudget() throws Exception {
    assertFalse(plain("alice", "guess", A));
    assertFalse(plain("alice", "guess", A));
    assertTrue(plain("alice", "wonderland", A));
    assertFalse(plain("alice", "guess", B));
    assertFalse(plain("alice", "guess", B));
    assertTrue(plain("alice", "wonderland", B), "two failures since the success: under budget");
  }

  @Test
  void scramFailuresReportedByTheC2sCount() throws Exception {
    for (int i = 0; i < 3; i++) {
      // A request rather than the c2s's bare send, so the test knows when it was counted.
      MeteredAuth.await(vertx.eventBus().request(Addresses.AUTH_OUTCOME, new AuthOutcome("alice", A, false).toJson()));
    }
    ReplyException e = assertThrows(ReplyException.class, () -> MeteredAuth.await(vertx.eventBus()
        .<JsonObject>request(Addresses.AUTH_SCRAM, new ScramLookup("alice", "SCRAM-SHA-256", B).toJson())));
    assertEquals(BusFailure.THROTTLED, e.failureCode());
    ScramCredentials bob = MeteredAuth.await(vertx.eventBus()
        .<JsonObject>request(Addresses.AUTH_SCRAM, new ScramLookup("bob", "SCRAM-SHA-256", A).toJson())
        .map(m -> ScramCredentials.fromJson(m.body())));
    assertTrue(bob.found());
  }
}
