package dev.rosterd.c2s.negotiation;

import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.transport.Transport;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one stream's events are taken from its transport: one at a time, none while an asynchronous
 * step is pending (a credential check, a bind, the TLS handshake: the transport is paused and
 * reading resumes where it left off, so a later stanza never overtakes the step before it).
 *
 * <p>One stream cannot hold the event loop or flood the server: it is read at most {@value
 * #EVENTS_PER_TURN} events per turn of the event loop, the transport paused until the next turn,
 * and its first-level elements no faster than its {@link StanzaRate} allows. A stream over its rate
 * is slowed, not cut off and not answered: its transport stays paused until it is back within the
 * rate, so TCP back-pressure holds the sender and the server buffers nothing more for it. An error
 * reply per excess stanza would itself be a flood, and a stream error would cut off a client that
 * only had a burst (a roster of presences at login); reading slowly is what the sender asked for
 * by sending too fast.
 */
final class StreamInput {
  private static final Logger LOG = LoggerFactory.getLogger(StreamInput.class);

  /** Events handled per turn of the event loop before the stream yields to the others. */
  static final int EVENTS_PER_TURN = 32;

  private final Vertx vertx;
  private final Transport transport;
  private final StanzaRate rate;
  private final Consumer<StreamEvent> dispatch;
  private final BiConsumer<String, String> fail;
  private final BooleanSupplier ended;
  private boolean busy;

  /**
   * @param dispatch handles one event; may throw {@link StreamError}
   * @param fail ends the stream with a stream error condition and text
   * @param ended whether the stream is over (nothing more is read then)
   */
  StreamInput(Vertx vertx, Transport transport, StanzaRate rate, Consumer<StreamEvent> dispatch,
      BiConsumer<String, String> fail, BooleanSupplier ended) {
    this.vertx = vertx;
    this.transport = transport;
    this.rate = rate;
    this.dispatch = dispatch;
    this.fail = fail;
    this.ended = ended;
  }

  /**
   * Handles events until input runs out, an asynchronous step starts, the turn's events are used
   * up or the stream is over its rate.
   */
  void drain() {
    int taken = 0;
    while (!busy && !ended.getAsBoolean()) {
      if (taken == EVENTS_PER_TURN) {
        await(nextTurn());
        return;
      }
      long wait = rate.delayMillis();
      if (wait > 0) {
        LOG.debug("{} is over its stanza rate; reading again in {} ms", transport.peer(), wait);
        await(after(wait));
        return;
      }
      StreamEvent event = next();
      if (event == null) {
        return;
      }
      rate.take();
      taken++;
      handle(event);
    }
  }

  /** Takes no event, and pauses the transport, until {@code step} completes; a failed step ends the stream. */
  void await(Future<?> step) {
    transport.pause();
    hold(step, ar -> {
      if (ar.failed()) {
        LOG.warn("negotiation step failed on {}", transport.peer(), ar.cause());
        fail.accept(StreamError.INTERNAL_SERVER_ERROR, null);
      } else {
        transport.resume();
        drain();
      }
    });
  }

  /**
   * Takes no event until {@code step} completes, then lets {@code done} decide what follows; the
   * transport keeps reading (a TLS handshake needs it to).
   */
  <T> void hold(Future<T> step, Handler<AsyncResult<T>> done) {
    busy = true;
    step.onComplete(ar -> {
      busy = false;
      if (!ended.getAsBoolean()) {
        done.handle(ar);
      }
    });
  }

  private StreamEvent next() {
    try {
      return transport.next();
    } catch (StreamError e) {
      fail.accept(e.condition(), e.text());
    } catch (RuntimeException e) {
      LOG.warn("failed to read the stream of {}", transport.peer(), e);
      fail.accept(StreamError.INTERNAL_SERVER_ERROR, null);
    }
    return null;
  }

  private void handle(StreamEvent event) {
    try {
      dispatch.accept(event);
    } catch (StreamError e) {
      fail.accept(e.condition(), e.text());
    } catch (RuntimeException e) {
      LOG.warn("failed to handle a stanza from {}", transport.peer(), e);
      fail.accept(StreamError.INTERNAL_SERVER_ERROR, null);
    }
  }

  /** Completes on a later turn of the event loop, after what other connections have queued. */
  private Future<Void> nextTurn() {
    Promise<Void> turn = Promise.promise();
    transport.context().runOnContext(v -> turn.complete());
    return turn.future();
  }

  private Future<Void> after(long millis) {
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(millis, t -> elapsed.complete());
    return elapsed.future();
  }
}
