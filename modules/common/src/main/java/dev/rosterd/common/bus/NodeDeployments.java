package dev.rosterd.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reply on {@link Addresses#NODE_DEPLOYMENTS}: {@code {"deployed": [PieceDeployment...],
 * "missing": ["name"...]}}. {@code missing} names every piece the node's config lists that is not
 * deployed right now (being redeployed, failed to redeploy, or undeployed by hand); the node is
 * healthy when it is empty.
 */
public record NodeDeployments(List<PieceDeployment> deployed, List<String> missing) {
  public NodeDeployments {
    deployed = List.copyOf(deployed);
    missing = List.copyOf(missing);
  }

  public JsonObject toJson() {
    JsonArray d = new JsonArray();
    deployed.forEach(p -> d.add(p.toJson()));
    return new JsonObject().put("deployed", d).put("missing", new JsonArray(missing));
  }

  @SuppressWarnings("unchecked")
  public static NodeDeployments fromJson(JsonObject j) {
    return new NodeDeployments(
        j.getJsonArray("deployed", new JsonArray()).stream()
            .map(o -> PieceDeployment.fromJson((JsonObject) o))
            .toList(),
        j.getJsonArray("missing", new JsonArray()).getList());
  }
}
