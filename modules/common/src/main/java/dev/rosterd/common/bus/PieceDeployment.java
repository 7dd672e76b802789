package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * One piece as a node runs it, in the replies on {@link Addresses#NODE_DEPLOYMENTS} and {@link
 * Addresses#NODE_REDEPLOY}: {@code {"name": "rosterFetcher", "deploymentId": "...", "instances": 1,
 * "configHash": "sha-256 hex of the section", "deployedAt": "ISO-8601 instant"}}.
 *
 * @param name the piece's config section name
 * @param deploymentId Vert.x's id of the deployment
 * @param instances how many verticle instances run
 * @param configHash SHA-256 (hex) of the piece's config section with keys in sorted order, so two
 *     sections that say the same thing have the same hash
 * @param deployedAt when the deployment completed, ISO-8601
 */
public record PieceDeployment(
    String name, String deploymentId, int instances, String configHash, String deployedAt) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("deploymentId", deploymentId)
        .put("instances", instances)
        .put("configHash", configHash)
        .put("deployedAt", deployedAt);
  }

  public static PieceDeployment fromJson(JsonObject j) {
    return new PieceDeployment(
        j.getString("name"),
        j.getString("deploymentId"),
        j.getInteger("instances", 0),
        j.getString("configHash"),
        j.getString("deployedAt"));
  }
}
