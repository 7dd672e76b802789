package dev.rosterd.c2s.transport.bosh;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

/**
 * One BOSH HTTP request waiting for its answer. Answered at most once, from whichever context: the
 * response is written on its connection's event loop by Vert.x.
 */
public final class BoshExchange {
  /** The media type of every BOSH response (XEP-0124 §4). */
  static final String CONTENT_TYPE = "text/xml; charset=utf-8";

  private final HttpServerResponse response;
  private final boolean modern;
  private boolean answered;

  /** @param modern whether the client gave {@code ver}, so errors go as 200 with a terminate body (XEP-0124 §17.1) */
  public BoshExchange(HttpServerResponse response, boolean modern) {
    this.response = response;
    this.modern = modern;
  }

  /** Called once if the connection goes before the answer is written (the client dropped the request). */
  void onGone(Runnable gone) {
    response.closeHandler(v -> {
      if (!answered) {
        gone.run();
      }
    });
  }

  /** Answers with {@code body}; the future fails when it could not be written. */
  Future<Void> send(String body) {
    return answer(200, body);
  }

  /** Answers a terminal condition: 200 to a client that gave {@code ver}, the legacy status to one that did not. */
  public void terminate(BoshTerminal condition) {
    answer(modern ? 200 : condition.legacyStatus(), BoshResponses.terminate(condition.condition(), ""));
  }

  private synchronized Future<Void> answer(int status, String body) {
    if (answered || response.ended() || response.closed()) {
      answered = true;
      return Future.failedFuture("the request is gone");
    }
    answered = true;
    return response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store").end(body);
  }
}
