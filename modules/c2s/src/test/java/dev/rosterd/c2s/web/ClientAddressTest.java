package dev.rosterd.c2s.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whose address a request to the web listener counts for: the proxy's X-Forwarded-For only when
 * the connection comes from a trusted proxy, read from the right, so a browser cannot choose the
 * address its failed logins are counted against. Requests over a real socket from 127.0.0.1.
 */
@ExtendWith(VertxExtension.class)
class ClientAddressTest {
  private static String seenBy(Vertx vertx, List<String> trusted, String... forwardedFor) throws Exception {
    ClientAddress clients = new ClientAddress(trusted);
    HttpServer server = vertx.createHttpServer()
        .requestHandler(r -> r.response().end(clients.of(r)))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    HttpClient http = vertx.createHttpClient();
    try {
      RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(server.actualPort()).setURI("/");
      for (String value : forwardedFor) {
        request.addHeader("X-Forwarded-For", value);
      }
      return http.request(request).compose(r -> r.send()).compose(r -> r.body())
          .await(10, TimeUnit.SECONDS).toString();
    } finally {
      http.close();
      server.close();
    }
  }

  @Test
  void aTrustedProxyNamesTheBrowser(Vertx vertx) throws Exception {
    List<String> loopback = List.of("127.0.0.1", "::1");
    assertEquals("203.0.113.7", seenBy(vertx, loopback, "203.0.113.7"));
    // The browser wrote the first one itself; the proxy appended what it saw.
    assertEquals("203.0.113.7", seenBy(vertx, loopback, "198.51.100.9, 203.0.113.7"));
    assertEquals("203.0.113.7", seenBy(vertx, loopback, "198.51.100.9", "203.0.113.7"));
    // A chain of trusted proxies: the first untrusted address from the right.
    assertEquals("198.51.100.1", seenBy(vertx, List.of("127.0.0.1", "10.0.0.2"), "198.51.100.1, 10.0.0.2"));
    assertEquals("2001:db8::1", seenBy(vertx, loopback, "2001:db8::1"));
  }

  @Test
  void anyoneElsesHeaderOrGarbageIsNotBelieved(Vertx vertx) throws Exception {
    assertEquals("127.0.0.1", seenBy(vertx, List.of(), "203.0.113.7"));
    assertEquals("127.0.0.1", seenBy(vertx, List.of("127.0.0.1"), "evil.example.com"));
    assertEquals("127.0.0.1", seenBy(vertx, List.of("127.0.0.1"), "203.0.113.7, not-an-address"));
    assertEquals("127.0.0.1", seenBy(vertx, List.of("127.0.0.1")));
  }

  @Test
  void theConfigTrustsLoopbackBehindAProxyAndChecksTheList() {
    JsonObject behind = new JsonObject().put("behindTlsProxy", true);
    assertEquals(List.of("127.0.0.1", "::1"), new WebListenerOptions(new ConfigReader(behind, "c2s.web")).trustedProxies());
    assertEquals(List.of(), new WebListenerOptions(new ConfigReader(new JsonObject(), "c2s.web")).trustedProxies());
    JsonObject bad = new JsonObject().put("trustedProxies", new JsonArray().add("proxy.example.com"));
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new WebListenerOptions(new ConfigReader(bad, "c2s.web")));
    assertTrue(e.getMessage().contains("c2s.web.trustedProxies"), e.getMessage());
  }
}
