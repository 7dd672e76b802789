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

  @Test
  void concurrentBindsOfOneUserAreAllKept(Vertx vertx, VertxTestContext ctx) {
    SessionDirectory dir = new SessionDirectory(vertx);
    List<Future<Optional<SessionEntry>>> puts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      puts.add(dir.put(JULIET, "r" + i, new SessionEntry("addr" + i, 0, false)));
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
    SessionEntry old = new SessionEntry("old", 0, true);
    dir.put(JULIET, "balcony", old)
        .compose(v -> dir.put(JULIET, "balcony", new SessionEntry("new", 0, false)))
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
    dir.put(JULIET, "balcony", new SessionEntry("old", 0, true))
        .compose(v -> dir.put(JULIET, "balcony", new SessionEntry("new", 0, true)))
        .compose(v -> dir.remove(JULIET, "balcony", "old"))
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
    dir.put(JULIET, "a", new SessionEntry("x", 0, true))
        .compose(v -> dir.update(JULIET, "a", new SessionEntry("x", 5, false)))
        .compose(v -> dir.sessions(JULIET))
        .compose(
            s -> {
              ctx.verify(() -> assertEquals(new SessionEntry("x", 5, false), s.get("a")));
              return dir.remove(JULIET, "a", "x");
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
}
