package dev.rosterd.c2s.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.RunningC2s;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web listener's HTTP side: who may open the WebSocket (subprotocol xmpp, allowed origins or
 * none), and XEP-0156 host-meta with CORS for the allowed origins.
 */
class WebListenerTest {
  static final String APP = "https://app.example.com";

  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("web", new JsonObject().put("port", 0)
      .put("behindTlsProxy", true)
      .put("allowedOrigins", new JsonArray().add(APP))
      .put("publicWebSocketUrl", "wss://chat.example.com/xmpp-websocket")
      .put("publicBoshUrl", "https://chat.example.com/http-bind")));

  // Vert.x closes a WebSocketClient, and its connections, once it is garbage: a GC during a
  // handshake dropped it. Held here until the test's Vert.x is closed.
  private final List<WebSocketClient> clients = new ArrayList<>();

  private int port() {
    return server.server().verticle.actualWebPort();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Future<WebSocket> webSocket(String origin, String subprotocol) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port())
        .setURI("/xmpp-websocket").setAllowOriginHeader(origin != null);
    if (origin != null) {
      o.addHeader("Origin", origin);
    }
    if (subprotocol != null) {
      o.addSubProtocol(subprotocol);
    }
    WebSocketClient client = server.vertx().createWebSocketClient(new WebSocketClientOptions());
    clients.add(client);
    return client.connect(o);
  }

  private int refusedWith(Future<WebSocket> handshake) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(handshake));
    assertTrue(e.getCause() instanceof UpgradeRejectedException, e.toString());
    return ((UpgradeRejectedException) e.getCause()).getStatus();
  }

  /** A plain request; the answer's status, headers and body. */
  private Answer request(HttpMethod method, String path, MultiMap headers) throws Exception {
    HttpClient client = server.vertx().createHttpClient();
    try {
      return await(client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1")
          .setPort(port()).setURI(path).setHeaders(headers))
          .compose(req -> req.send())
          .compose(r -> r.body().map(b -> new Answer(r.statusCode(), r.headers(), b.toString()))));
    } finally {
      client.close();
    }
  }

  record Answer(int status, MultiMap headers, String body) {}

  @Test
  void anAllowedPageConnects() throws Exception {
    WebSocket ws = await(webSocket(APP, "xmpp"));
    assertEquals("xmpp", ws.subProtocol());
    await(ws.close());
  }

  @Test
  void aClientWithoutOriginConnects() throws Exception {
    await(await(webSocket(null, "xmpp")).close());
  }

  @Test
  void aPageOfAnotherOriginIsRefused() {
    assertEquals(403, refusedWith(webSocket("https://evil.example", "xmpp")));
  }

  @Test
  void aHandshakeWithoutTheXmppSubprotocolIsRefused() throws Exception {
    assertEquals(400, refusedWith(webSocket(null, null)));
    assertEquals(400, refusedWith(webSocket(null, "mqtt")));
    Answer a = request(HttpMethod.GET, "/xmpp-websocket", MultiMap.caseInsensitiveMultiMap()
        .add("Upgrade", "websocket").add("Connection", "Upgrade").add("Sec-WebSocket-Version", "13")
        .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="));
    assertEquals(400, a.status());
    assertTrue(a.body().contains("subprotocol xmpp is required"), a.body());
  }

  @Test
  void aPlainGetIsToldToUpgrade() throws Exception {
    Answer a = request(HttpMethod.GET, "/xmpp-websocket", MultiMap.caseInsensitiveMultiMap());
    assertEquals(426, a.status());
    assertTrue(a.body().contains("XMPP WebSocket endpoint"), a.body());
  }

  @Test
  void hostMetaListsTheConfiguredUrlsWithCors() throws Exception {
    Answer xml = request(HttpMethod.GET, "/.well-known/host-meta", MultiMap.caseInsensitiveMultiMap().add("Origin", APP));
    assertEquals(200, xml.status());
    assertTrue(xml.headers().get("Content-Type").startsWith("application/xrd+xml"), xml.headers().toString());
    assertEquals(APP, xml.headers().get("Access-Control-Allow-Origin"));
    assertTrue(xml.body().contains("<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>"), xml.body());
    assertTrue(xml.body().contains(
        "<Link rel='urn:xmpp:alt-connections:websocket' href='wss://chat.example.com/xmpp-websocket'/>"), xml.body());
    assertTrue(xml.body().contains(
        "<Link rel='urn:xmpp:alt-connections:xbosh' href='https://chat.example.com/http-bind'/>"), xml.body());

    Answer json = request(HttpMethod.GET, "/.well-known/host-meta.json", MultiMap.caseInsensitiveMultiMap().add("Origin", APP));
    assertEquals(200, json.status());
    assertEquals(APP, json.headers().get("Access-Control-Allow-Origin"));
    JsonArray links = new JsonObject(json.body()).getJsonArray("links");
    assertEquals(new JsonObject().put("rel", "urn:xmpp:alt-connections:websocket")
        .put("href", "wss://chat.example.com/xmpp-websocket"), links.getJsonObject(0));
    assertEquals(new JsonObject().put("rel", "urn:xmpp:alt-connections:xbosh")
        .put("href", "https://chat.example.com/http-bind"), links.getJsonObject(1));
  }

  @Test
  void hostMetaAnswersAPreflight() throws Exception {
    Answer a = request(HttpMethod.OPTIONS, "/.well-known/host-meta.json", MultiMap.caseInsensitiveMultiMap()
        .add("Origin", APP).add("Access-Control-Request-Method", "GET"));
    assertTrue(a.status() == 200 || a.status() == 204, "status " + a.status());
    assertEquals(APP, a.headers().get("Access-Control-Allow-Origin"));
    assertTrue(a.headers().get("Access-Control-Allow-Methods").contains("GET"), a.headers().toString());
  }

  @Test
  void hostMetaIsNotOpenedToOtherOrigins() throws Exception {
    Answer a = request(HttpMethod.GET, "/.well-known/host-meta.json",
        MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example"));
    assertEquals(403, a.status());
    assertNull(a.headers().get("Access-Control-Allow-Origin"), a.headers().toString());
  }
}
