package dev.rosterd.c2s.session;

import dev.rosterd.c2s.sm.ResumptionId;
import dev.rosterd.c2s.sm.SmNonzas;
import dev.rosterd.c2s.sm.StreamManagementOptions;
import dev.rosterd.c2s.sm.UnackedStanzas;
import dev.rosterd.stanza.Element;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The session's side of the stream that carries it, with XEP-0198 stream management once the
 * client enabled it: counts the stanzas the client sent, keeps those sent to it until it
 * acknowledges them, asks for acknowledgements, and outlives the connection. While no stream
 * carries the session (it waits to be resumed) stanzas are kept; a resuming stream gets them again.
 *
 * <p>The session writes through it as through any {@link ClientLink}; its context is the session's
 * home, the context of the connection it was bound on, whichever stream carries it later.
 */
final class ManagedStream implements ClientLink {
  private static final long WRAP = 1L << 32;

  private final Vertx vertx;
  private final Context home;
  private final StreamManagementOptions options;
  private final Runnable overflowed;
  private ClientLink carrier;
  private UnackedStanzas unacked;
  private String resumptionId;
  private long handled;
  private int sinceRequest;
  private boolean requested;
  private long requestTimer = -1;

  /** @param overflowed called when more stanzas wait unacknowledged than {@code maxUnacked} */
  ManagedStream(Vertx vertx, ClientLink first, StreamManagementOptions options, Runnable overflowed) {
    this.vertx = vertx;
    this.home = first.context();
    this.carrier = first;
    this.options = options;
    this.overflowed = overflowed;
  }

  // ---- ClientLink: what the session writes ----

  @Override
  public void send(Element stanza) {
    sendXml(stanza.toXml());
  }

  @Override
  public void sendXml(String xml) {
    if (unacked != null && !unacked.sent(xml)) {
      overflowed.run();
    }
    if (carrier != null) {
      carrier.sendXml(xml);
      if (unacked != null) {
        askWhenDue();
      }
    }
  }

  @Override
  public void closeWithStreamError(String condition, String text) {
    if (carrier != null) {
      carrier.closeWithStreamError(condition, text);
    }
  }

  @Override
  public Context context() {
    return home;
  }

  // ---- which stream carries the session ----

  /** Whether {@code link} is the stream that carries the session now (others are ignored). */
  boolean carriedBy(ClientLink link) {
    return carrier != null && carrier.equals(link);
  }

  /** No stream carries the session any more; returns the one that did, or null. */
  ClientLink detach() {
    ClientLink was = carrier;
    carrier = null;
    cancelRequestTimer();
    return was;
  }

  /**
   * {@code next} carries the session from now on (XEP-0198 §5): it gets {@code <resumed/>}, then
   * every stanza the client had not acknowledged, in the order first sent.
   */
  void resumeOn(ClientLink next, String previd) {
    carrier = next;
    next.sendXml(SmNonzas.resumed(previd, handled));
    unacked.waiting().forEach(next::sendXml);
    requested = false;
    sinceRequest = 0;
    if (!unacked.isEmpty()) {
      ask();
    }
  }

  // ---- XEP-0198 ----

  /** Counts one stanza the client sent (§4: the server's {@code h}). */
  void received() {
    handled = (handled + 1) % WRAP;
  }

  /** The stanzas of the client handled so far, modulo 2^32. */
  long handled() {
    return handled;
  }

  /**
   * The client's {@code <enable/>} (§3): counting starts, and with {@code resume} (when the server
   * allows resumption) the session gets an id a later stream can resume it by.
   */
  void enable(boolean resume, String address) {
    if (unacked != null) {
      writeNonza(SmNonzas.failed("unexpected-request"));
      return;
    }
    unacked = new UnackedStanzas(options.maxUnacked());
    resumptionId = resume && options.resumption() ? ResumptionId.of(address) : null;
    writeNonza(SmNonzas.enabled(resumptionId, options.resumeSeconds()));
  }

  boolean enabled() {
    return unacked != null;
  }

  /** Whether the session may wait for a resumption when its connection drops. */
  boolean resumable() {
    return resumptionId != null;
  }

  /** Whether {@code previd} is this session's resumption id. */
  boolean resumableAs(String previd) {
    return ResumptionId.same(resumptionId, previd);
  }

  /**
   * The client acknowledged {@code h} stanzas in all.
   *
   * @return false when it counts more than were sent: the stream should end
   */
  boolean acknowledged(long h) {
    requested = false;
    return unacked != null && unacked.acknowledged(h);
  }

  /** Writes {@code <a h=''/>} with the given count, to the stream that carries the session now. */
  void answer(long h) {
    writeNonza(SmNonzas.answer(h));
  }

  /** Writes an XEP-0198 element, which is not a stanza and is not counted or kept. */
  void writeNonza(String xml) {
    if (carrier != null) {
      carrier.sendXml(xml);
    }
  }

  /** The stanzas the client never acknowledged; none are kept after this. */
  List<String> unacknowledged() {
    cancelRequestTimer();
    if (unacked == null) {
      return List.of();
    }
    List<String> left = unacked.waiting();
    unacked = null;
    return left;
  }

  private void askWhenDue() {
    sinceRequest++;
    if (!requested && sinceRequest >= options.requestAckEvery()) {
      ask();
    } else if (requestTimer < 0) {
      requestTimer = vertx.setTimer(options.requestAckSeconds() * 1000L, id -> {
        requestTimer = -1;
        if (unacked != null && !unacked.isEmpty() && !requested) {
          ask();
        }
      });
    }
  }

  private void ask() {
    requested = true;
    sinceRequest = 0;
    cancelRequestTimer();
    writeNonza(SmNonzas.request());
  }

  private void cancelRequestTimer() {
    if (requestTimer >= 0) {
      vertx.cancelTimer(requestTimer);
      requestTimer = -1;
    }
  }
}
