package dev.rosterd.common.http;

/**
 * The limits {@link HttpListenerGuard} holds an HTTP/1.1 listener to; each listener reads them from
 * its own config section (and validates them there, naming its keys).
 *
 * @param maxConnections connections open at once on the listener (all its verticle instances on
 *     this Vert.x together); a connection beyond it is answered 503 and closed at once
 * @param requestReadTimeoutMs how long a client may take to send one whole request, head and body:
 *     from the connection's opening for its first request, from the first byte for a later one on a
 *     kept-alive connection. Past it the client gets 408 if the head is still incomplete; once the
 *     head is in, a handler may already be answering, so the connection is only closed
 * @param idleTimeoutSeconds a connection that neither reads nor writes this long is closed (Vert.x
 *     {@code HttpServerOptions.setIdleTimeout}); keep it above the longest a handler may take to
 *     answer
 * @param maxHeaderBytes the largest request head (request line and header lines with their line
 *     ends) accepted; a larger one is 431 (414 for a request line over Netty's 4096 bytes)
 */
public record HttpListenerLimits(
    int maxConnections, long requestReadTimeoutMs, int idleTimeoutSeconds, int maxHeaderBytes) {

  public HttpListenerLimits {
    if (maxConnections < 1 || requestReadTimeoutMs < 1 || idleTimeoutSeconds < 1 || maxHeaderBytes < 64) {
      throw new IllegalArgumentException("limits out of range: " + maxConnections + ", " + requestReadTimeoutMs
          + ", " + idleTimeoutSeconds + ", " + maxHeaderBytes);
    }
  }
}
