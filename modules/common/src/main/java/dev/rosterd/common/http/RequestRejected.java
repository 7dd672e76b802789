package dev.rosterd.common.http;

/**
 * Why {@link StrictRequestDecoder} refused a request before any handler saw it: carried as the
 * Netty decoder result's cause of the invalid request Vert.x hands to the listener's invalid
 * request handler ({@link HttpListenerGuard}), which answers {@link #status()} with {@link
 * #getMessage()} and closes the connection.
 */
public final class RequestRejected extends RuntimeException {
  /** What was wrong, as the {@code reason} tag of {@link HttpListenerGuard#REJECTED}. */
  public enum Reason {
    /** {@link RequestFraming}: 400. */
    FRAMING("framing", 400),
    /** The whole request did not arrive within the listener's request read timeout: 408. */
    TIMEOUT("request-timeout", 408),
    /** The request head is larger than the listener's maximum: 431. */
    HEAD_TOO_LARGE("head-too-large", 431);

    private final String tag;
    private final int status;

    Reason(String tag, int status) {
      this.tag = tag;
      this.status = status;
    }

    public String tag() {
      return tag;
    }

    public int status() {
      return status;
    }
  }

  private final Reason reason;

  public RequestRejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public int status() {
    return reason.status();
  }
}
