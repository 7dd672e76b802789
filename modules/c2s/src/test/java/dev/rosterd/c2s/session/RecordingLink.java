package dev.rosterd.c2s.session;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rosterd.stanza.Element;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The stream layer's side of a connection, for tests of the session layer alone: it records what
 * the session writes to the client on a context of its own, like a real connection would.
 */
final class RecordingLink implements ClientLink {
  private final Context context;
  private final BlockingQueue<String> written = new LinkedBlockingQueue<>();
  final CompletableFuture<String> streamError = new CompletableFuture<>();

  RecordingLink(Vertx vertx) {
    this.context = vertx.getOrCreateContext();
  }

  @Override
  public void send(Element stanza) {
    written.add(stanza.toXml());
  }

  @Override
  public void sendXml(String xml) {
    written.add(xml);
  }

  @Override
  public void closeWithStreamError(String condition, String text) {
    streamError.complete(condition);
  }

  @Override
  public Context context() {
    return context;
  }

  /** The next stanza written to the client, waiting up to five seconds. */
  String next() throws InterruptedException {
    String s = written.poll(5, TimeUnit.SECONDS);
    assertNotNull(s, "nothing was written to the client");
    return s;
  }

  /** The next stanza that matches, skipping others (e.g. presence noise). */
  String next(Predicate<String> wanted) throws InterruptedException {
    while (true) {
      String s = next();
      if (wanted.test(s)) {
        return s;
      }
    }
  }
}
