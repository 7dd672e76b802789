package dev.rosterd.common.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong with a request to another piece or to the web application, in one form that log
 * lines, HTTP replies and stanza errors all use. {@link #of} is the one place that reads an
 * event-bus failure or a timeout: every caller describes a failure through it rather than testing
 * exception classes itself.
 *
 * @param code one of the {@link BusFailure} codes
 * @param text a sentence fit for a log line or a JSON {@code message}, naming who failed and why
 */
public record FailureReason(int code, String text) {

  /**
   * Describes {@code failure} of a request to {@code recipient}.
   *
   * @param recipient who was asked, as a log line names it, e.g. {@code "the roster cache"}
   * @param timeoutMs the time the request was given, for the text of a timeout
   */
  public static FailureReason of(Throwable failure, String recipient, long timeoutMs) {
    if (failure instanceof ReplyException r) {
      return switch (r.failureType()) {
        case NO_HANDLERS -> new FailureReason(BusFailure.UNAVAILABLE, recipient + " is not deployed");
        case TIMEOUT -> timeout(recipient, timeoutMs);
        case RECIPIENT_FAILURE, ERROR -> new FailureReason(code(r), String.valueOf(r.getMessage()));
      };
    }
    if (isTimeout(failure)) {
      return timeout(recipient, timeoutMs);
    }
    String message = failure.getMessage();
    return new FailureReason(BusFailure.UNAVAILABLE, message == null ? failure.getClass().getSimpleName() : message);
  }

  /**
   * True for every form a timeout takes: the JDK's and Vert.x's {@link TimeoutException} (an HTTP
   * request's idle or whole-request timeout), Netty's connect timeout, and an event-bus reply
   * timeout.
   */
  public static boolean isTimeout(Throwable failure) {
    return failure instanceof TimeoutException
        || failure instanceof io.netty.channel.ConnectTimeoutException
        || failure instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT;
  }

  /** The HTTP status an admin reply gives this failure: 400, 404, 502, 504 or 503. */
  public int httpStatus() {
    return switch (code) {
      case BusFailure.BAD_REQUEST -> 400;
      case BusFailure.NOT_FOUND -> 404;
      case BusFailure.BACKEND -> 502;
      case BusFailure.TIMEOUT -> 504;
      default -> 503;
    };
  }

  private static FailureReason timeout(String recipient, long timeoutMs) {
    return new FailureReason(BusFailure.TIMEOUT, recipient + " did not answer within " + timeoutMs + " ms");
  }

  private static int code(ReplyException r) {
    int code = r.failureCode();
    return code > 0 ? code : BusFailure.UNAVAILABLE;
  }
}
