package dev.rosterd.c2s.web;

import dev.rosterd.stanza.XmlEscape;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * XEP-0156 connection discovery: {@code /.well-known/host-meta} (XRD, RFC 6415) and {@code
 * /.well-known/host-meta.json} (JRD) list the WebSocket URL and the BOSH URL, so
 * that a web client given only a JID finds how to connect.
 */
final class HostMeta {
  static final String XML_PATH = "/.well-known/host-meta";
  static final String JSON_PATH = "/.well-known/host-meta.json";
  static final String WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";
  static final String BOSH_REL = "urn:xmpp:alt-connections:xbosh";

  private final WebListenerOptions options;

  HostMeta(WebListenerOptions options) {
    this.options = options;
  }

  /** Mounts both documents, behind {@code cors} when some other origin may read them. */
  void mount(Router router, CorsHandler cors) {
    if (cors != null) {
      router.route(XML_PATH).handler(cors);
      router.route(JSON_PATH).handler(cors);
    }
    router.get(XML_PATH).handler(this::xml);
    router.get(JSON_PATH).handler(this::json);
  }

  private void xml(RoutingContext ctx) {
    StringBuilder out = new StringBuilder("<?xml version='1.0' encoding='utf-8'?>\n")
        .append("<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n");
    links(ctx).forEach((rel, href) -> out.append("  <Link rel='").append(rel).append("' href='")
        .append(XmlEscape.attribute(href)).append("'/>\n"));
    ctx.response().putHeader("Content-Type", "application/xrd+xml; charset=utf-8").end(out.append("</XRD>\n").toString());
  }

  private void json(RoutingContext ctx) {
    JsonArray links = new JsonArray();
    links(ctx).forEach((rel, href) -> links.add(new JsonObject().put("rel", rel).put("href", href)));
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("links", links).encode());
  }

  private Map<String, String> links(RoutingContext ctx) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put(WEBSOCKET_REL, options.publicWebSocketUrl().orElseGet(() -> webSocketUrl(ctx)));
    links.put(BOSH_REL, options.publicBoshUrl().orElseGet(() -> boshUrl(ctx)));
    return links;
  }

  /** Without a configured URL: this listener's BOSH endpoint at the host the client asked for. */
  private String boshUrl(RoutingContext ctx) {
    return (options.secure() ? "https://" : "http://") + authority(ctx) + options.boshPath();
  }

  /** Without a configured URL: this listener's endpoint at the host the client asked for. */
  private String webSocketUrl(RoutingContext ctx) {
    return (options.secure() ? "wss://" : "ws://") + authority(ctx) + options.path();
  }

  private String authority(RoutingContext ctx) {
    return ctx.request().authority() == null ? options.host() + ":" + ctx.request().localAddress().port()
        : ctx.request().authority().toString();
  }
}
