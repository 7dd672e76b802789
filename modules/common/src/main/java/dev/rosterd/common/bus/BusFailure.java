package dev.rosterd.common.bus;

/**
 * Failure codes carried by {@code Message.fail} on rosterd's addresses. {@link FailureReason} turns any
 * failure of a request into one of them with a text.
 */
public final class BusFailure {
  private BusFailure() {}

  /** The request itself was malformed (a bug in the sender). */
  public static final int BAD_REQUEST = 400;

  /** The request names something the consumer does not have (e.g. a piece a node does not run). */
  public static final int NOT_FOUND = 404;

  /** The web application failed: non-200, bad body, refused connection or timeout. */
  public static final int BACKEND = 502;

  /** A dependency of the consumer is not reachable right now; try again later. */
  public static final int UNAVAILABLE = 503;

  /** The consumer, or what it asked in turn, did not answer in time. */
  public static final int TIMEOUT = 504;

  /**
   * The sender has failed too often lately (the auth piece's failure budget of a username or a
   * client address): refused without looking at the request; try again later.
   */
  public static final int THROTTLED = 429;

  /**
   * The consumer keeps what it was asked to keep, and a per-user limit is reached (e.g. a full
   * offline queue): the request is refused whole. As HTTP's 507 Insufficient Storage.
   */
  public static final int RESOURCE_CONSTRAINT = 507;
}
