package dev.rosterd.c2s.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sOptions;
import dev.rosterd.c2s.transport.bosh.BoshPolicy;
import dev.rosterd.common.config.ConfigException;
import dev.rosterd.common.http.HttpListenerLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code c2s.web}: defaults, and errors that name the key. */
class WebListenerOptionsTest {
  private static C2sOptions c2s(JsonObject web) {
    JsonObject config = new JsonObject().put("domain", "example.com");
    if (web != null) {
      config.put("web", web);
    }
    return new C2sOptions(config);
  }

  private static WebListenerOptions web(JsonObject web) {
    return c2s(web).web().orElseThrow();
  }

  private static String error(JsonObject web) {
    return assertThrows(ConfigException.class, () -> c2s(web)).getMessage();
  }

  @Test
  void noSectionNoListener() {
    assertEquals(Optional.empty(), c2s(null).web());
  }

  @Test
  void defaults() {
    WebListenerOptions o = web(new JsonObject());
    assertEquals("127.0.0.1", o.host());
    assertEquals(5290, o.port());
    assertFalse(o.secure());
    assertEquals("/xmpp-websocket", o.path());
    assertEquals(List.of(), o.allowedOrigins());
    assertEquals(30, o.pingSeconds());
    assertEquals(Optional.empty(), o.publicWebSocketUrl());
    assertEquals(Optional.empty(), o.publicBoshUrl());
    assertEquals(new HttpListenerLimits(10_000, 10_000, 120, 8192), o.limits());
    assertEquals(5443, web(new JsonObject().put("tls", true)).port());
    assertTrue(web(new JsonObject().put("behindTlsProxy", true)).secure());
  }

  @Test
  void originsAreCheckedAndCompared() {
    assertEquals(List.of("https://app.example.com:8443", "*"),
        web(new JsonObject().put("allowedOrigins", new JsonArray().add("https://App.Example.com:8443").add("*")))
            .allowedOrigins());
    String e = error(new JsonObject().put("allowedOrigins", new JsonArray().add("https://app.example.com/chat")));
    assertTrue(e.contains("c2s.web.allowedOrigins") && e.contains("no path"), e);
  }

  @Test
  void badValuesNameTheirKey() {
    assertTrue(error(new JsonObject().put("publicWebSocketUrl", "https://x.example/ws"))
        .contains("c2s.web.publicWebSocketUrl"));
    assertTrue(error(new JsonObject().put("publicBoshUrl", "ws://x.example/http-bind")).contains("c2s.web.publicBoshUrl"));
    assertTrue(error(new JsonObject().put("idleTimeoutSeconds", 30)).contains("c2s.web.idleTimeoutSeconds"));
    assertTrue(error(new JsonObject().put("path", "xmpp")).contains("c2s.web.path"));
    assertTrue(error(new JsonObject().put("bosh", true)).contains("c2s.web.bosh"));
    assertTrue(error(new JsonObject().put("boshPath", "/xmpp-websocket")).contains("c2s.web.boshPath"));
    assertTrue(error(new JsonObject().put("boshMaxWaitSeconds", 120)).contains("c2s.web.boshMaxWaitSeconds"),
        "a held request must be answered before idleTimeoutSeconds cuts its connection");
    assertTrue(error(new JsonObject().put("boshMaxHold", 2).put("boshMaxRequests", 2))
        .contains("c2s.web.boshMaxRequests"));
    assertTrue(error(new JsonObject().put("boshInactivitySeconds", 0)).contains("c2s.web.boshInactivitySeconds"));
  }

  @Test
  void boshDefaults() {
    WebListenerOptions o = web(new JsonObject());
    assertEquals("/http-bind", o.boshPath());
    assertEquals(new BoshPolicy(50, 1, 60, 2), o.bosh());
    assertEquals(4, web(new JsonObject().put("boshMaxHold", 3)).bosh().maxRequests());
    assertEquals(9, web(new JsonObject().put("idleTimeoutSeconds", 10).put("pingSeconds", 5)).bosh().maxWaitSeconds());
  }
}
