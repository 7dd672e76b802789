package dev.rosterd.common.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A request to a piece being redeployed waits for it; one to a piece that is not there fails. */
@ExtendWith(VertxExtension.class)
class BusRequestTest {
  private static final String ADDRESS = "test.redeployed";

  @Test
  void aRequestSentWhileNobodyConsumesIsAnsweredOnceTheConsumerIsBack(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    // The consumer registers only after the request has failed with NO_HANDLERS at least once.
    vertx.eventBus().<JsonObject>request(ADDRESS, new JsonObject()).onComplete(first -> {
      BusRequest.send(vertx, ADDRESS, new JsonObject().put("n", 1), 1_000)
          .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
            assertEquals(new JsonObject().put("n", 1), reply.body());
            assertEquals(1, asked.get());
            ctx.completeNow();
          })));
      vertx.setTimer(30, t -> vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> {
        asked.incrementAndGet();
        m.reply(m.body());
      }));
    });
  }

  @Test
  void withNobodyThereItFailsWithNoHandlersAfterTheGrace(Vertx vertx, VertxTestContext ctx) {
    long start = System.nanoTime();
    BusRequest.send(vertx, ADDRESS, new JsonObject(), 1_000).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertTrue(e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS, e.toString());
      long waitedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waitedMs >= BusRequest.REDEPLOY_GRACE_MS / 2, "waited " + waitedMs + " ms");
      ctx.completeNow();
    })));
  }

  @Test
  void aFailureOfTheConsumerComesBackAtOnce(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> m.fail(BusFailure.BACKEND, "down"));
    BusRequest.send(vertx, ADDRESS, new JsonObject(), 1_000).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertEquals(BusFailure.BACKEND, ((ReplyException) e).failureCode());
      ctx.completeNow();
    })));
  }
}
