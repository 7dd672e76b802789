package dev.rosterd.fetcher;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body read into memory up to a cap: a body that grows past it fails the response with
 * {@link TooLarge} as soon as it does, and the rest is discarded instead of buffered, so a runaway
 * backend cannot fill the heap.
 */
final class CappedBody implements BodyCodec<Buffer> {
  private final int maxBytes;

  CappedBody(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public BodyStream<Buffer> stream() {
    return new Stream(maxBytes);
  }

  /** The body passed the cap. */
  static final class TooLarge extends RuntimeException {
    TooLarge(int maxBytes) {
      super("body larger than " + maxBytes + " bytes (maxBodyBytes)", null, false, false);
    }
  }

  private static final class Stream implements BodyStream<Buffer> {
    private final int maxBytes;
    private final Promise<Buffer> result = Promise.promise();
    private Buffer body = Buffer.buffer();

    Stream(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable failure) {
      result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (body != null) {
        if (body.length() + data.length() > maxBytes) {
          body = null;
          result.tryFail(new TooLarge(maxBytes));
        } else {
          body.appendBuffer(data);
        }
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      if (body != null) {
        result.tryComplete(body);
      }
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
