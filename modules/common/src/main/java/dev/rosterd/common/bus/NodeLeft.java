package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Message on {@link Addresses#NODE_LEFT}: {@code {"node": "<cluster node id>"}}, the id the node's
 * sessions carry in their addresses (see {@link dev.rosterd.common.session.SessionAddressing}).
 */
public record NodeLeft(String node) {
  public JsonObject toJson() {
    return new JsonObject().put("node", node);
  }

  public static NodeLeft fromJson(JsonObject j) {
    return new NodeLeft(j.getString("node"));
  }
}
