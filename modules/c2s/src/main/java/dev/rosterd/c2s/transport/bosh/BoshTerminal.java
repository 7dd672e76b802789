package dev.rosterd.c2s.transport.bosh;

import dev.rosterd.c2s.stream.StreamError;

/**
 * A terminal binding condition (XEP-0124 §17.2): the session (or, with no session, the request)
 * ends with {@code <body type='terminate' condition='...'/>}. Also how a stream error of RFC 6120
 * becomes a condition (XEP-0206 §7 and XEP-0124 §17.2).
 */
public final class BoshTerminal extends RuntimeException {
  /** The request's format or attributes are unacceptable (a missing rid, a syntax error). */
  public static final String BAD_REQUEST = "bad-request";
  /** No such session, or a rid outside the window. */
  public static final String ITEM_NOT_FOUND = "item-not-found";
  /** A local limit was passed (a body too large). */
  public static final String POLICY_VIOLATION = "policy-violation";
  /** The server sent a stream error; it is in the body. */
  public static final String REMOTE_STREAM_ERROR = "remote-stream-error";

  private final String condition;
  private final int legacyStatus;

  /** @param condition one of XEP-0124 §17.2's conditions, e.g. {@link #ITEM_NOT_FOUND} */
  public BoshTerminal(String condition, String text) {
    super(condition + ": " + text);
    this.condition = condition;
    this.legacyStatus = switch (condition) {
      case ITEM_NOT_FOUND -> 404;
      case POLICY_VIOLATION -> 403;
      default -> 400;
    };
  }

  public String condition() {
    return condition;
  }

  /** The HTTP status a client older than XEP-0124 1.6 (no {@code ver}) is told this with (§17.1). */
  public int legacyStatus() {
    return legacyStatus;
  }

  /**
   * The condition a stream error ends a session with: the few that BOSH shares with RFC 6120 keep
   * their name, every other is {@code remote-stream-error} with the {@code <stream:error/>} inside
   * (XEP-0206 §7).
   */
  static String of(StreamError error) {
    return switch (error.condition()) {
      case StreamError.HOST_UNKNOWN, StreamError.SYSTEM_SHUTDOWN, StreamError.POLICY_VIOLATION,
          StreamError.INTERNAL_SERVER_ERROR -> error.condition();
      default -> REMOTE_STREAM_ERROR;
    };
  }
}
