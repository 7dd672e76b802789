package dev.rosterd.fetcher;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;

/**
 * A response body read into memory up to a cap: a body announced or grown past it fails with
 * {@link TooLarge} as soon as that is known, and nothing more of it is kept. Stopping the reading
 * itself is the caller's part (it resets the request, see {@link RosterGet}).
 */
final class CappedBody {
  private CappedBody() {}

  static Future<Buffer> read(HttpClientResponse response, int maxBytes) {
    Promise<Buffer> result = Promise.promise();
    if (announcedLength(response) > maxBytes) {
      result.fail(new TooLarge(maxBytes));
      return result.future();
    }
    Buffer body = Buffer.buffer();
    response.exceptionHandler(result::tryFail);
    response.handler(data -> {
      if (result.future().isComplete()) {
        return;
      }
      if (body.length() + data.length() > maxBytes) {
        result.tryFail(new TooLarge(maxBytes));
      } else {
        body.appendBuffer(data);
      }
    });
    response.endHandler(v -> result.tryComplete(body));
    return result.future();
  }

  /** The Content-Length, or -1 when there is none or it is not a number (the body then ends as it ends). */
  private static long announcedLength(HttpClientResponse response) {
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body passed the cap. */
  static final class TooLarge extends RuntimeException {
    TooLarge(int maxBytes) {
      super("body larger than " + maxBytes + " bytes (maxBodyBytes)", null, false, false);
    }
  }
}
