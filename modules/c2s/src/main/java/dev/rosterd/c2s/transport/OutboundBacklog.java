package dev.rosterd.c2s.transport;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * What has been handed to a connection and not yet taken by the operating system: the bytes a
 * client that does not read makes the server hold. Counted from each write until its completion
 * (Netty completes a write once the kernel took it), so the count is what this process holds for
 * the client, whatever the socket's own buffer marks say.
 *
 * <p>Used on the connection's context only.
 */
public final class OutboundBacklog {
  private final long limit;
  private long pending;

  /** @param limit the most that may wait before {@link #write} says the client is not reading */
  public OutboundBacklog(long limit) {
    this.limit = limit;
  }

  /**
   * Writes {@code xml} with {@code writer} and counts it until the write completes.
   *
   * @return false when more than the limit now waits
   */
  public boolean write(String xml, Function<String, Future<Void>> writer) {
    // Characters, not bytes: close enough for a bound measured in megabytes, and free to compute.
    long size = xml.length();
    pending += size;
    writer.apply(xml).onComplete(done -> pending -= size);
    return pending <= limit;
  }
}
