package dev.rosterd.c2s.session;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one session, run one after another on its connection's context (RFC 6120 §10.1,
 * in-order processing): each step starts when the one before it has completed, whatever thread
 * that completion came on.
 */
final class StepQueue {
  private static final Logger log = LoggerFactory.getLogger(StepQueue.class);

  private final EntityFullJid jid;
  private final ClientLink link;
  private Future<Void> tail = Future.succeededFuture();

  StepQueue(EntityFullJid jid, ClientLink link) {
    this.jid = jid;
    this.link = link;
  }

  /**
   * Runs {@code step}, which answers {@code stanza}, and hands its reply to {@code send}. A step
   * that fails (shared data unreachable) answers a request with {@code internal-server-error}
   * rather than silence.
   */
  void reply(Element stanza, Supplier<Future<Optional<Element>>> step, Consumer<Element> send) {
    answer(stanza, step, reply -> reply.ifPresent(send), send);
  }

  /** As {@link #reply} for a step that answers with several serialised stanzas, written in order. */
  void replyAll(Element stanza, Supplier<Future<List<String>>> step, Consumer<String> sendXml, Consumer<Element> send) {
    answer(stanza, step, all -> all.forEach(sendXml), send);
  }

  /** Runs {@code step} in turn and gives its outcome to {@code answered} back on the connection's context. */
  private <T> void answer(Element stanza, Supplier<Future<T>> step, Consumer<T> answered, Consumer<Element> send) {
    tail = tail.transform(v -> OnConnection.of(link, attempt(step))
        .map(outcome -> {
          answered.accept(outcome);
          return (Void) null;
        })
        .otherwise(e -> {
          log.warn("{} could not process a {}: {}", jid, stanza.name(), e.toString());
          String type = String.valueOf(stanza.attribute("type"));
          if (!stanza.name().equals("presence") && !type.equals("error") && !type.equals("result")) {
            send.accept(StanzaError.reply(stanza, StanzaError.Type.WAIT, "internal-server-error"));
          }
          return null;
        }));
  }

  /** Runs {@code step}, which answers nobody; a failure is logged, naming {@code what}. */
  void run(String what, Supplier<Future<Void>> step) {
    tail = tail.transform(v -> OnConnection.of(link, attempt(step)).otherwise(e -> {
      log.warn("{} could not {}: {}", jid, what, e.toString());
      return null;
    }));
  }

  /** Runs {@code step} after every earlier one; nothing queued after it runs before it completes. */
  Future<Void> last(Supplier<Future<Void>> step) {
    tail = tail.transform(v -> OnConnection.of(link, attempt(step)));
    return tail;
  }

  private static <T> Future<T> attempt(Supplier<Future<T>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
