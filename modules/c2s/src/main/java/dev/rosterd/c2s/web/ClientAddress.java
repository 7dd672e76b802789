package dev.rosterd.c2s.web;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The address of the browser behind a request to the web listener, for the per-address limits
 * (the failed-login budget). Behind a reverse proxy every connection comes from the proxy, so one
 * attacker would spend everyone's budget; the proxy's {@code X-Forwarded-For} names the browser,
 * but anyone can write that header. It is believed only on connections from {@code
 * c2s.web.trustedProxies}, and read from the right: the last address not itself a trusted proxy is
 * the one the nearest trusted proxy saw (a browser can prepend what it likes, never append).
 */
final class ClientAddress {
  private final Set<String> trustedProxies;

  ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  String of(HttpServerRequest request) {
    String peer = request.remoteAddress().hostAddress();
    if (!trustedProxies.contains(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : request.headers().getAll("X-Forwarded-For")) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!NetUtil.isValidIpV4Address(hop) && !NetUtil.isValidIpV6Address(hop)) {
        // Not an address (a port, an obfuscated name, garbage): nothing further left can be believed.
        return client;
      }
      client = hop;
      if (!trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return client;
  }
}
