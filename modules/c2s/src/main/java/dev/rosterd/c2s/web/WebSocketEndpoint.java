package dev.rosterd.c2s.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket handshake of RFC 7395: a GET upgrading to a WebSocket with the subprotocol {@code
 * xmpp}, from a page of an allowed origin. Anything else is answered with an HTTP error that says
 * what was wrong, before the WebSocket exists.
 */
final class WebSocketEndpoint {
  /** RFC 7395 §3.1: the subprotocol a client must ask for. */
  static final String SUBPROTOCOL = "xmpp";

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);

  private final AllowedOrigins origins;
  private final BiConsumer<ServerWebSocket, String> accepted;
  private final ClientAddress clients;

  /** @param accepted takes each new WebSocket and the client's IP address */
  WebSocketEndpoint(AllowedOrigins origins, ClientAddress clients, BiConsumer<ServerWebSocket, String> accepted) {
    this.clients = clients;
    this.origins = origins;
    this.accepted = accepted;
  }

  /**
   * Takes the request straight from the server, not through the router: vertx-web would hand on a
   * wrapper of the WebSocket, and the transport needs the connection itself to drop it at once.
   */
  void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET) {
      refuse(request, 405, "open the XMPP WebSocket with a GET");
      return;
    }
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      request.response().putHeader("Upgrade", "websocket");
      refuse(request, 426, "this is an XMPP WebSocket endpoint (RFC 7395): open a WebSocket with the subprotocol xmpp");
      return;
    }
    String origin = request.getHeader("Origin");
    if (!origins.allows(origin)) {
      origins.refused(origin, "a WebSocket");
      refuse(request, 403, "pages from " + origin + " may not connect here");
      return;
    }
    if (!asksForXmpp(request.getHeader("Sec-WebSocket-Protocol"))) {
      refuse(request, 400, "the WebSocket subprotocol xmpp is required (Sec-WebSocket-Protocol: xmpp, RFC 7395 §3.1)");
      return;
    }
    String peerHost = clients.of(request);
    request.toWebSocket().onComplete(ar -> {
      if (ar.succeeded()) {
        accepted.accept(ar.result(), peerHost);
      } else {
        LOG.debug("WebSocket handshake with {} failed: {}", request.remoteAddress(), ar.cause().toString());
      }
    });
  }

  private static boolean asksForXmpp(String protocols) {
    return protocols != null
        && Arrays.stream(protocols.split(",")).map(String::trim).anyMatch(SUBPROTOCOL::equals);
  }

  private static void refuse(HttpServerRequest request, int status, String message) {
    request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
  }
}
