package dev.rosterd.c2s.transport.bosh;

import dev.rosterd.c2s.stream.StreamError;
import dev.rosterd.c2s.stream.StreamEvent;
import dev.rosterd.c2s.stream.StreamFraming;
import dev.rosterd.c2s.stream.StreamHeader;
import dev.rosterd.c2s.transport.Transport;
import dev.rosterd.c2s.transport.websocket.QualifiedXml;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BOSH session (XEP-0124, XEP-0206) as the transport of one XMPP stream. Requests are taken in
 * {@code rid} order, whatever order they arrive in, within a window of {@code requests}; each is
 * held until there is something to send, {@code wait} runs out, or more than {@code hold} are held
 * (then the oldest is answered). What the server writes while no request is held waits for the
 * next one, and every answer is kept until the client acknowledges it ({@code ack}, or implicitly:
 * a request with rid n proves that the answers up to n - requests arrived, since the client may not
 * have more open), so a request sent again with the same rid (its answer was lost with a page
 * reload or a dropped connection) gets the same answer (§14.3). A session with no request held for
 * {@code inactivity} seconds ends as a lost connection does.
 *
 * <p>Requests reach the session from any HTTP connection and so any Vert.x context; everything
 * happens on the context the session was created on, as {@link Transport} requires.
 */
public final class BoshSession implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(BoshSession.class);

  private final Context context;
  private final BoshSessions sessions;
  private final String sid;
  private final BoshPolicy policy;
  private final Settings settings;
  private final String peer;
  private final String peerHost;
  private final int wait;
  private final int hold;
  private final int requests;
  private final boolean acks;
  private final BoshFraming framing = new BoshFraming();
  private final Deque<StreamEvent> events = new ArrayDeque<>();
  private final Deque<Held> held = new ArrayDeque<>();
  private final TreeMap<Long, Early> early = new TreeMap<>();
  private final TreeMap<Long, Answer> answered = new TreeMap<>();
  private StringBuilder pending = new StringBuilder();
  private long answeredChars;
  private StreamError failed;
  private long lastRid;
  private boolean authenticated;
  private boolean awaitingRestart;
  private boolean announced;
  private boolean flushScheduled;
  private boolean ended;
  private boolean closedFired;
  /** The terminate body of a session that ended while no request was held: the next request gets it. */
  private String lastWords;
  private long inactivityTimer = -1;
  private Runnable readable = () -> {};
  private Runnable closed = () -> {};
  private Early creation;
  /** The creation request's {@code xmpp:version}: a restart request does not repeat it (XEP-0206 §5). */
  private String xmppVersion;

  /**
   * What a BOSH session needs from its listener.
   *
   * @param domain the XMPP domain served (the {@code from} of the creation response)
   * @param limits the listener's stanza limits; a body may be at most {@code maxBodyBytes}
   * @param maxBodyBytes the largest body after authentication
   * @param maxBodyBytesBeforeAuth the largest body before SASL success
   * @param secure true on a TLS listener or behind a TLS-terminating proxy
   * @param maxOutboundBytes what may wait for the client (unanswered and unacknowledged) before
   *     {@link #write} says it is not reading
   */
  public record Settings(String domain, BoshPolicy policy, int maxBodyBytes, int maxBodyBytesBeforeAuth,
      boolean secure, int maxOutboundBytes) {}

  private BoshSession(Context context, BoshSessions sessions, Settings settings, BoshBody body, String peer,
      String peerHost) {
    this.context = context;
    this.sessions = sessions;
    this.settings = settings;
    this.policy = settings.policy();
    this.sid = sessions.newSid();
    this.peer = peer + " (BOSH)";
    this.peerHost = peerHost;
    this.wait = policy.wait(intOrNull(body.number("wait")));
    this.hold = policy.hold(intOrNull(body.number("hold")));
    this.requests = policy.requests(hold);
    this.acks = "1".equals(body.attribute("ack"));
    this.lastRid = body.rid() - 1;
  }

  /**
   * A session for a creation request ({@code body} has no {@code sid}); it takes the request once
   * {@link #start}ed.
   *
   * @throws BoshTerminal bad-request for a creation request without a usable rid, wait or hold
   */
  public static BoshSession create(Context context, BoshSessions sessions, Settings settings, BoshBody body,
      BoshExchange exchange, String peer, String peerHost) {
    if (body.error() != null) {
      throw new BoshTerminal(BoshTerminal.BAD_REQUEST, body.error().getMessage());
    }
    BoshSession s = new BoshSession(context, sessions, settings, body, peer, peerHost);
    s.creation = new Early(body, exchange);
    sessions.add(s.sid, s);
    return s;
  }

  private static Integer intOrNull(Long value) {
    return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  /** The session's id. */
  public String sid() {
    return sid;
  }

  /** A later request of this session, from any context. */
  public void receive(BoshBody body, BoshExchange exchange) {
    context.runOnContext(v -> {
      try {
        request(body, exchange);
      } catch (BoshTerminal t) {
        LOG.debug("BOSH session {} of {} ends: {}", sid, peer, t.getMessage());
        exchange.terminate(t);
        end(t.condition(), "", false);
      }
    });
  }

  @Override
  public void start(Runnable readable, Runnable closed) {
    this.readable = readable;
    this.closed = closed;
    Early first = creation;
    creation = null;
    try {
      process(lastRid + 1, first.body(), first.exchange());
    } catch (BoshTerminal t) {
      first.exchange().terminate(t);
      end(t.condition(), "", false);
    }
  }

  // ---- requests, in rid order ----

  private void request(BoshBody body, BoshExchange exchange) {
    if (ended) {
      lastAnswer(exchange);
      return;
    }
    long rid = body.rid();
    cancelInactivity();
    Long ack = body.number("ack");
    if (ack != null) {
      acknowledge(ack);
    }
    if (rid <= lastRid) {
      repeated(rid, exchange);
    } else if (rid > lastRid + requests) {
      throw new BoshTerminal(BoshTerminal.ITEM_NOT_FOUND,
          "rid " + rid + " is past the window of " + requests + " after " + lastRid);
    } else if (rid > lastRid + 1) {
      // XEP-0124 §14.1: taken once the requests before it have come.
      Early replaced = early.put(rid, new Early(body, exchange));
      if (replaced != null) {
        replaced.exchange().send(BoshResponses.body(Map.of(), ""));
      }
    } else {
      process(rid, body, exchange);
      for (Early next = early.remove(lastRid + 1); next != null && !ended; next = early.remove(lastRid + 1)) {
        process(lastRid + 1, next.body(), next.exchange());
      }
    }
  }

  /** A rid already taken: its kept answer again (§14.3), or held now if it was never answered. */
  private void repeated(long rid, BoshExchange exchange) {
    Answer kept = answered.get(rid);
    if (kept != null) {
      LOG.debug("BOSH session {}: rid {} again; sending its answer again", sid, rid);
      exchange.send(kept.xml());
      armInactivity();
      return;
    }
    if (rid <= lastRid - requests) {
      throw new BoshTerminal(BoshTerminal.ITEM_NOT_FOUND, "rid " + rid + " was answered and acknowledged");
    }
    // Taken, but its answer never reached the client (the request was dropped, or its answer
    // could not be written): the client asks again, and gets what waits.
    held.stream().filter(h -> h.rid() == rid).findFirst().ifPresent(h -> {
      held.remove(h);
      context.owner().cancelTimer(h.timer());
    });
    hold(rid, exchange);
    scheduleFlush();
  }

  private void process(long rid, BoshBody body, BoshExchange exchange) {
    lastRid = rid;
    acknowledge(rid - requests);
    if (body.error() != null) {
      failed = body.error();
    } else if (!authenticated && body.size() > settings.maxBodyBytesBeforeAuth()) {
      failed = new StreamError(StreamError.POLICY_VIOLATION,
          "a BOSH body before authentication may be at most " + settings.maxBodyBytesBeforeAuth() + " bytes");
    } else {
      take(body);
    }
    hold(rid, exchange);
    readable.run();
    scheduleFlush();
  }

  private void take(BoshBody body) {
    boolean opens = body.sid() == null || body.restarts();
    if (body.restarts() && !awaitingRestart) {
      throw new BoshTerminal(BoshTerminal.BAD_REQUEST, "xmpp:restart='true' comes only after SASL success");
    }
    if (awaitingRestart && !opens) {
      if (!body.children().isEmpty()) {
        failed = new StreamError(StreamError.BAD_FORMAT,
            "after SASL success the stream restarts: send a body with xmpp:restart='true' (XEP-0206 §5)");
      }
      return;
    }
    if (opens) {
      awaitingRestart = false;
      if (body.sid() == null) {
        xmppVersion = body.attribute("xmpp:version");
      }
      events.add(new StreamEvent.Opened(new StreamHeader(body.attribute("to"), body.attribute("from"),
          xmppVersion, body.attribute("xml:lang"), Namespaces.CLIENT)));
    }
    for (Element child : body.children()) {
      events.add(new StreamEvent.Stanza(child));
    }
    if (body.terminates()) {
      events.add(new StreamEvent.Closed());
    }
  }

  // ---- held requests and answers ----

  private void hold(long rid, BoshExchange exchange) {
    long[] timer = {-1};
    Held h = new Held(rid, exchange, timer);
    timer[0] = context.owner().setTimer(wait * 1000L, t -> {
      if (held.remove(h)) {
        answer(h);
        armInactivity();
      }
    });
    held.add(h);
    exchange.onGone(() -> context.runOnContext(v -> {
      if (held.remove(h)) {
        context.owner().cancelTimer(h.timer());
        armInactivity();
      }
    }));
  }

  private void scheduleFlush() {
    if (!flushScheduled && !ended) {
      flushScheduled = true;
      // On the next turn, so that what this turn writes goes out in one answer.
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    flushScheduled = false;
    if (ended) {
      return;
    }
    while (held.size() > hold || (!held.isEmpty() && !pending.isEmpty())) {
      answer(held.poll());
    }
    armInactivity();
  }

  private void answer(Held h) {
    context.owner().cancelTimer(h.timer());
    String payload = pending.toString();
    pending = new StringBuilder();
    String xml = BoshResponses.body(announced ? Map.of() : creationAttributes(), payload);
    announced = true;
    answered.put(h.rid(), new Answer(xml, payload));
    answeredChars += xml.length();
    h.exchange().send(xml).onFailure(e -> context.runOnContext(v -> undelivered(h.rid())));
  }

  /** An answer that could not be written: what it carried goes out with the next one instead. */
  private void undelivered(long rid) {
    Answer a = answered.remove(rid);
    if (a != null && !ended) {
      answeredChars -= a.xml().length();
      pending.insert(0, a.payload());
      scheduleFlush();
    }
  }

  private void acknowledge(long upTo) {
    while (!answered.isEmpty() && answered.firstKey() <= upTo) {
      answeredChars -= answered.pollFirstEntry().getValue().xml().length();
    }
  }

  /** XEP-0124 §7.2 and XEP-0206 §4: what the first answer tells the client about its session. */
  private Map<String, String> creationAttributes() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("sid", sid);
    a.put("wait", String.valueOf(wait));
    a.put("hold", String.valueOf(hold));
    a.put("requests", String.valueOf(requests));
    a.put("inactivity", String.valueOf(policy.inactivitySeconds()));
    a.put("polling", String.valueOf(BoshPolicy.POLLING_SECONDS));
    a.put("ver", BoshResponses.VERSION);
    a.put("from", settings.domain());
    if (framing.streamId() != null) {
      a.put("authid", framing.streamId());
    }
    if (acks) {
      a.put("ack", String.valueOf(lastRid));
    }
    a.put("xmpp:version", "1.0");
    a.put("xmpp:restartlogic", "true");
    return a;
  }

  // ---- the end ----

  private void armInactivity() {
    if (!ended && held.isEmpty() && early.isEmpty() && inactivityTimer < 0) {
      inactivityTimer = context.owner().setTimer(policy.inactivitySeconds() * 1000L, t -> {
        inactivityTimer = -1;
        LOG.debug("BOSH session {} of {}: no request for {} s; it ends", sid, peer, policy.inactivitySeconds());
        end(null, "", false);
      });
    }
  }

  private void cancelInactivity() {
    if (inactivityTimer >= 0) {
      context.owner().cancelTimer(inactivityTimer);
      inactivityTimer = -1;
    }
  }

  /**
   * Ends the session: the oldest held request gets {@code payload} in a terminate body (or, when
   * {@code keepLastWords} and none is held, the next request does), the others a bare terminate.
   */
  private void end(String condition, String payload, boolean keepLastWords) {
    if (ended) {
      return;
    }
    ended = true;
    cancelInactivity();
    String last = BoshResponses.terminate(condition, payload);
    Held first = held.poll();
    if (first != null) {
      context.owner().cancelTimer(first.timer());
      first.exchange().send(last);
    } else if (keepLastWords) {
      lastWords = last;
    }
    String bare = BoshResponses.terminate(condition, "");
    held.forEach(h -> {
      context.owner().cancelTimer(h.timer());
      h.exchange().send(bare);
    });
    early.values().forEach(e -> e.exchange().send(bare));
    held.clear();
    early.clear();
    answered.clear();
    pending = new StringBuilder();
    if (lastWords == null) {
      sessions.remove(sid, this);
    } else {
      context.owner().setTimer(policy.inactivitySeconds() * 1000L, t -> sessions.remove(sid, this));
    }
    if (!closedFired) {
      closedFired = true;
      context.runOnContext(v -> closed.run());
    }
  }

  private void lastAnswer(BoshExchange exchange) {
    if (lastWords != null) {
      exchange.send(lastWords);
      lastWords = null;
      sessions.remove(sid, this);
    } else {
      exchange.terminate(new BoshTerminal(BoshTerminal.ITEM_NOT_FOUND, "the session is over"));
    }
  }

  // ---- Transport ----

  @Override
  public StreamEvent next() {
    StreamEvent e = events.poll();
    if (e == null && failed != null) {
      StreamError f = failed;
      failed = null;
      throw f;
    }
    return e;
  }

  @Override
  public void restartStream(boolean nowAuthenticated) {
    authenticated = nowAuthenticated;
    awaitingRestart = true;
    events.clear();
  }

  @Override
  public boolean write(String xml) {
    if (ended || xml.isEmpty()) {
      return true;
    }
    pending.append(QualifiedXml.of(xml));
    scheduleFlush();
    return pending.length() + answeredChars <= settings.maxOutboundBytes();
  }

  @Override
  public StreamFraming framing() {
    return framing;
  }

  @Override
  public void pause() {
    // Requests keep coming (HTTP has no back-pressure here); the rid window bounds what queues.
  }

  @Override
  public void resume() {}

  @Override
  public boolean secure() {
    return settings.secure();
  }

  @Override
  public boolean canStartTls() {
    return false;
  }

  @Override
  public Future<Void> startTls(String proceed) {
    return Future.failedFuture(new IllegalStateException("no STARTTLS over BOSH"));
  }

  @Override
  public void close() {
    StreamError error = framing.error();
    end(error == null ? null : BoshTerminal.of(error), pending.toString(), true);
  }

  @Override
  public void abort() {
    // The client is not reading: what waits for it is dropped, and only the error goes.
    StreamError error = framing.error();
    end(error == null ? null : BoshTerminal.of(error), error == null ? "" : framing.error(error), true);
  }

  @Override
  public String peer() {
    return peer;
  }

  @Override
  public String peerHost() {
    return peerHost;
  }

  @Override
  public Context context() {
    return context;
  }

  private record Held(long rid, BoshExchange exchange, long[] timerBox) {
    long timer() {
      return timerBox[0];
    }
  }

  private record Early(BoshBody body, BoshExchange exchange) {}

  private record Answer(String xml, String payload) {}
}
