package dev.rosterd.c2s.transport.bosh;

import static dev.rosterd.c2s.transport.bosh.BoshTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.RunningC2s;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CORS for {@code /http-bind}: the preflight and the POST of an allowed page; another page is refused. */
class BoshCorsTest {
  static final String APP = "https://app.example.com";

  @RegisterExtension
  final RunningC2s server = RunningC2s.with(new JsonObject().put("web", new JsonObject().put("port", 0)
      .put("behindTlsProxy", true).put("allowedOrigins", new JsonArray().add(APP))));

  private int port() {
    return server.server().verticle.actualWebPort();
  }

  @Test
  void anAllowedPageGetsThePreflightAndTheAnswer() throws Exception {
    WebClient web = WebClient.create(server.vertx());
    try {
      HttpResponse<Buffer> preflight = await(web.request(HttpMethod.OPTIONS, port(), "127.0.0.1", "/http-bind")
          .putHeader("Origin", APP).putHeader("Access-Control-Request-Method", "POST")
          .putHeader("Access-Control-Request-Headers", "content-type").send());
      assertTrue(preflight.statusCode() == 200 || preflight.statusCode() == 204, "status " + preflight.statusCode());
      assertEquals(APP, preflight.getHeader("Access-Control-Allow-Origin"));
      assertTrue(preflight.getHeader("Access-Control-Allow-Methods").contains("POST"), preflight.headers().toString());
      assertTrue(preflight.getHeader("Access-Control-Allow-Headers").toLowerCase().contains("content-type"),
          preflight.headers().toString());
    } finally {
      web.close();
    }
    try (BoshTestClient page = new BoshTestClient(server.vertx(), port())) {
      BoshTestClient.Answer a = await(page.post("<body xmlns='" + BoshTestClient.NS + "' xmlns:xmpp='urn:xmpp:xbosh'"
          + " rid='7' to='rosterd.test' ver='1.11' xmpp:version='1.0' wait='10' hold='1'/>",
          MultiMap.caseInsensitiveMultiMap().add("Origin", APP)));
      assertEquals(200, a.status());
      assertEquals(APP, a.headers().get("Access-Control-Allow-Origin"));
      assertTrue(a.attr("sid") != null && a.xml().contains("<mechanism>PLAIN</mechanism>"), a.xml());
    }
  }

  @Test
  void aPageOfAnotherOriginIsRefused() throws Exception {
    try (BoshTestClient page = new BoshTestClient(server.vertx(), port())) {
      BoshTestClient.Answer a = await(page.post("<body xmlns='" + BoshTestClient.NS + "' rid='7' to='rosterd.test'/>",
          MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example")));
      assertEquals(403, a.status());
      assertNull(a.headers().get("Access-Control-Allow-Origin"), a.headers().toString());
    }
  }
}
