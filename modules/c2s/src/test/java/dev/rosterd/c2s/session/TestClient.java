package dev.rosterd.c2s.session;

import dev.rosterd.common.jid.Jids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A client of the session layer: binds through {@link Sessions} and talks over a {@link RecordingLink}. */
final class TestClient {
  static final String DOMAIN = "rosterd.test";

  final RecordingLink link;
  final BoundSession session;

  private TestClient(RecordingLink link, BoundSession session) {
    this.link = link;
    this.session = session;
  }

  static TestClient bind(Vertx vertx, SessionLayer sessions, String user, String resource) throws Exception {
    RecordingLink link = new RecordingLink(vertx);
    BoundSession s = await(link, () -> sessions.bind(Jids.bare(user, DOMAIN).orElseThrow(), resource, link));
    return new TestClient(link, s);
  }

  /** Runs {@code step} on the link's context and waits for its outcome. */
  static <T> T await(RecordingLink link, Supplier<Future<T>> step) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    link.context().runOnContext(v -> step.get().onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else {
        done.completeExceptionally(ar.cause());
      }
    }));
    return done.get(10, TimeUnit.SECONDS);
  }

  String jid() {
    return session.jid().toString();
  }

  /** The client sends a stanza. */
  void send(String xml) {
    var stanza = Stanzas.parse(xml);
    link.context().runOnContext(v -> session.handle(stanza));
  }

  String next() throws InterruptedException {
    return link.next();
  }

  String next(Predicate<String> wanted) throws InterruptedException {
    return link.next(wanted);
  }

  /** Waits for a stanza containing {@code text}, skipping presence and anything else. */
  String nextWith(String text) throws InterruptedException {
    return link.next(s -> s.contains(text));
  }

  /** The connection goes away. */
  void close() throws Exception {
    await(link, session::closed);
  }
}
