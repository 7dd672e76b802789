package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.bound;
import static dev.rosterd.c2s.C2sTestServer.ping;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One stream cannot monopolise the server: a client flooding directed presences to JIDs nobody
 * has is read at its stanza rate, held back by TCP (it cannot write its flood), while another
 * client's ping still gets its answer.
 */
class FloodTest {
  private static final int PRESENCES = 1_000_000;

  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  @Timeout(120)
  void aFlooderIsHeldBackWhileOthersAreAnswered() throws Exception {
    try (RawXmppClient bob = bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
        RawXmppClient flooder = bound(RawXmppClient.connect(server.port()), "alice", "wonderland", "flood")) {
      CountDownLatch flooding = new CountDownLatch(1);
      AtomicBoolean wroteItAll = new AtomicBoolean();
      Thread writer = new Thread(() -> {
        try {
          // Many presences per write, as fast as the socket takes them.
          StringBuilder batch = new StringBuilder();
          for (int i = 0; i < PRESENCES; i++) {
            batch.append("<presence to='ghost").append(i).append('@').append(DOMAIN).append("/x'/>");
            if (i % 1000 == 999) {
              flooder.send(batch.toString());
              batch.setLength(0);
              flooding.countDown();
            }
          }
          wroteItAll.set(true);
        } catch (IOException e) {
          // the test closed the flooder's socket
        } finally {
          flooding.countDown();
        }
      }, "flooder");
      writer.start();
      assertTrue(flooding.await(RawXmppClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the flood never started");
      ping(bob, "during");
      assertFalse(wroteItAll.get(), "the server took the whole flood");
      // The flooder's writer is blocked on a full socket; closing its TCP connection ends it.
      flooder.abort();
      writer.join();
    }
  }
}
