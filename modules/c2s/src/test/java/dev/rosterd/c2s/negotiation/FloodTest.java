package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.bound;
import static dev.rosterd.c2s.C2sTestServer.ping;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sOptions;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

  /**
   * The rate holds from the flooder's side: a client flooding pings gets no more answers than the
   * burst and the rate allow for the time it has been flooding, counted once another client's
   * ping was answered in the middle of the flood. Without the rate (or with one far above it) the
   * server answers the flood as fast as it can read it, thousands a second, and this fails.
   */
  @Test
  @Timeout(120)
  void aPingFlooderGetsNoMoreAnswersThanItsRate() throws Exception {
    try (RawXmppClient bob = bound(RawXmppClient.connect(server.port()), "bob", "builder", "home");
        RawXmppClient flooder = bound(RawXmppClient.connect(server.port()), "alice", "wonderland", "flood")) {
      long started = System.nanoTime();
      Thread writer = new Thread(() -> {
        try {
          StringBuilder batch = new StringBuilder();
          for (int i = 0; i < PRESENCES; i++) {
            batch.append("<iq type='get' id='f").append(i).append("'><ping xmlns='urn:xmpp:ping'/></iq>");
            if (i % 1000 == 999) {
              flooder.send(batch.toString());
              batch.setLength(0);
            }
          }
        } catch (IOException e) {
          // the test closed the flooder's socket
        }
      }, "ping-flooder");
      AtomicInteger answered = new AtomicInteger();
      CountDownLatch firstAnswer = new CountDownLatch(1);
      Thread reader = new Thread(() -> {
        try {
          while (true) {
            flooder.expect("type='result'");
            answered.incrementAndGet();
            firstAnswer.countDown();
          }
        } catch (IOException | AssertionError e) {
          // the test closed the flooder's socket
        }
      }, "ping-flood-reader");
      writer.start();
      reader.start();
      assertTrue(firstAnswer.await(RawXmppClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the flood never started");
      // Twenty round trips of another client while the flood goes on.
      for (int i = 0; i < 20; i++) {
        ping(bob, "during-" + i);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long allowed = C2sOptions.DEFAULT_STANZA_BURST + Math.round(C2sOptions.DEFAULT_STANZAS_PER_SECOND * (seconds + 1));
      int got = answered.get();
      assertTrue(got <= allowed, got + " pings answered in " + seconds + " s; the rate allows " + allowed);
      flooder.abort();
      writer.join();
      reader.join();
    }
  }

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
