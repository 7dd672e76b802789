package dev.rosterd.c2s;

import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.session.BoundSession;
import dev.rosterd.c2s.session.ClientLink;
import dev.rosterd.c2s.session.SessionLayer;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.stanza.Element;
import dev.rosterd.testing.RawXmppClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;

/**
 * The seam to the session layer: after bind every stanza goes to {@link BoundSession#handle} in
 * order, and {@link BoundSession#closed} is called exactly once however the socket ends. The
 * session layer here is a recording one, since what is checked is the stream layer's side.
 */
@ExtendWith(VertxExtension.class)
class SessionClosedTest {
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final AtomicInteger closedCalls = new AtomicInteger();
  private final Promise<Void> closed = Promise.promise();
  private final List<ClientLink> links = new CopyOnWriteArrayList<>();
  private final C2sTestServer server = new C2sTestServer(new C2sVerticle((vertx, domain) -> new Recording()));

  /** Binds every request to the requested resource and records what happens to the session. */
  private final class Recording implements SessionLayer {
    @Override
    public Future<BoundSession> bind(EntityBareJid user, String resource, ClientLink link) {
      links.add(link);
      EntityFullJid jid = Jids.full(user, resource).orElseThrow();
      return Future.succeededFuture(new BoundSession() {
        @Override
        public EntityFullJid jid() {
          return jid;
        }

        @Override
        public void handle(Element stanza) {
          handled.add(stanza.attribute("id"));
        }

        @Override
        public Future<Void> closed() {
          closedCalls.incrementAndGet();
          closed.tryComplete();
          return Future.succeededFuture();
        }
      });
    }
  }

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    server.start(vertx).onComplete(ctx.succeedingThenComplete());
  }

  private RawXmppClient bound() throws Exception {
    RawXmppClient c = RawXmppClient.connect(server.port());
    C2sTestServer.authenticate(c, "alice", "wonderland");
    c.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>r</resource></bind></iq>");
    c.expect("</iq>");
    return c;
  }

  private void awaitClosed() throws Exception {
    closed.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void clientHangsUp() throws Exception {
    RawXmppClient c = bound();
    c.send("<message id='m1'/><presence id='p1'/>  <iq type='get' id='i1'/>");
    c.close();
    awaitClosed();
    assertEquals(List.of("m1", "p1", "i1"), handled);
    assertEquals(1, closedCalls.get());
  }

  @Test
  void clientClosesItsStream() throws Exception {
    try (RawXmppClient c = bound()) {
      c.send("</stream:stream>");
      assertTrue(c.awaitClose().endsWith("</stream:stream>"));
    }
    awaitClosed();
    assertEquals(1, closedCalls.get());
  }

  @Test
  void sessionLayerEndsTheStream(Vertx vertx) throws Exception {
    try (RawXmppClient c = bound()) {
      ClientLink link = links.get(0);
      link.context().runOnContext(v -> link.closeWithStreamError("conflict", "replaced"));
      assertStreamError(c.awaitClose().replace("<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>replaced</text>", ""), "conflict");
    }
    awaitClosed();
    assertEquals(1, closedCalls.get());
  }
}
