package dev.rosterd.common.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SessionDirectoryTest {
  private static final String JULIET = "juliet@example.com";
  private static final String ROMEO = "romeo@example.com";

  /** A session address held by node {@code n1}. */
  private static String address(String session) {
    return "rosterd.session.n1.i1." + session;
  }

  @Test
  void concurrentBindsOfOneUserAreAllKept(Vertx vertx, VertxTestContext ctx) {
    SessionDirectory dir = new SessionDirectory(vertx);
    List<Future<Optional<SessionEntry>>> puts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      puts.add(dir.put(JULIET, "r" + i, new SessionEntry(address("addr" + i), 0, false)));
    }
    Future.all(puts)
        .compose(v -> dir.sessions(JULIET))
        .onComplete(
            ctx.succeeding(
                sessions ->
                    ctx.verify(
                        () -> {
                          assertEquals(50, sessions.size());
                          ctx.completeNow();
                        })));
  }

  @Test
  void putReturnsTheDisplacedSessionOfTheSameResource(Vertx vertx, VertxTestContext ctx) {
    SessionDirectory dir = new SessionDirectory(vertx);
    SessionEntry old = new SessionEntry(address("old"), 0, true);
    dir.put(JULIET, "balcony", old)
        .compose(v -> dir.put(JULIET, "balcony", new SessionEntry(address("new"), 0, false)))
        .onComplete(
            ctx.succeeding(
                displaced ->
                    ctx.verify(
                        () -> {
                          assertEquals(Optional.of(old), displaced);
                          ctx.completeNow();
                        })));
  }

  @Test
  void aReplacedSessionCannotRemoveItsSuccessor(Vertx vertx, VertxTestContext ctx) {
    SessionDirectory dir = new SessionDirectory(vertx);
    dir.put(JULIET, "balcony", new SessionEntry(address("old"), 0, true))
        .compose(v -> dir.put(JULIET, "balcony", new SessionEntry(address("new"), 0, true)))
        .compose(v -> dir.remove(JULIET, "balcony", address("old")))
        .onComplete(
            ctx.succeeding(
                left ->
                    ctx.verify(
                        () -> {
                          assertEquals(1, left);
                          ctx.completeNow();
                        })));
  }

  @Test
  void removingTheLastSessionLeavesNoEntry(Vertx vertx, VertxTestContext ctx) {
    SessionDirectory dir = new SessionDirectory(vertx);
    dir.put(JULIET, "a", new SessionEntry(address("x"), 0, true))
        .compose(v -> dir.update(JULIET, "a", address("x"), e -> e.withPresence(5, false)))
        .compose(v -> dir.sessions(JULIET))
        .compose(
            s -> {
              ctx.verify(() -> assertEquals(new SessionEntry(address("x"), 5, false), s.get("a")));
              return dir.remove(JULIET, "a", address("x"));
            })
        .compose(left -> dir.sessions(JULIET).map(s -> left == 0 && s.isEmpty()))
        .onComplete(
            ctx.succeeding(
                empty ->
                    ctx.verify(
                        () -> {
                          assertTrue(empty);
                          ctx.completeNow();
                        })));
  }

  @Test
  void eachNodeIndexesItsOwnSessionsUntilTheyLeave(Vertx vertx, VertxTestContext ctx) {
    SessionDirectory dir = new SessionDirectory(vertx);
    String elsewhere = "rosterd.session.n2.i9.s";
    dir.put(JULIET, "a", new SessionEntry(address("a"), 0, true))
        .compose(v -> dir.put(ROMEO, "b", new SessionEntry(address("b"), 0, true)))
        .compose(v -> dir.put(ROMEO, "c", new SessionEntry(elsewhere, 0, true)))
        .compose(v -> dir.remove(JULIET, "a", address("a")))
        .compose(v -> Future.all(dir.sessionsOfNode("n1"), dir.sessionsOfNode("n2")))
        .onComplete(
            ctx.succeeding(
                both ->
                    ctx.verify(
                        () -> {
                          assertEquals(
                              List.of(new SessionDirectory.NodeSession(ROMEO, "b", address("b"))),
                              both.resultAt(0));
                          assertEquals(
                              List.of(new SessionDirectory.NodeSession(ROMEO, "c", elsewhere)),
                              both.resultAt(1));
                          ctx.completeNow();
                        })));
  }

  @Test
  void aSessionAddressNamesItsInboxAndNode() {
    assertEquals("rosterd.c2s.n1.i1", SessionAddressing.inboxOf(address("s")));
    assertEquals("n1", SessionAddressing.nodeOf(address("s")));
    String session = "rosterd.session.node-7.inst-3.s42";
    assertEquals("rosterd.c2s.node-7.inst-3", SessionAddressing.inboxOf(session));
    assertEquals("node-7", SessionAddressing.nodeOf(session));
  }
}
