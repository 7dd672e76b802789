package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#NODE_REDEPLOY}: {@code {"name": "rosterFetcher", "config": {...},
 * "answerFirst": false}}.
 *
 * @param name the piece's config section name
 * @param config the replacement config section (as it would stand in the file, {@code instances}
 *     included, {@code domain} not), or null to redeploy with the section the piece runs with
 * @param answerFirst true when the asker is the piece being redeployed (the admin router
 *     redeploying itself): the node then replies as soon as the section is checked, before it
 *     undeploys, since the asker would not be there to receive a later reply
 */
public record PieceRedeploy(String name, JsonObject config, boolean answerFirst) {
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("name", name).put("answerFirst", answerFirst);
    if (config != null) {
      j.put("config", config);
    }
    return j;
  }

  public static PieceRedeploy fromJson(JsonObject j) {
    return new PieceRedeploy(
        j.getString("name"), j.getJsonObject("config"), j.getBoolean("answerFirst", false));
  }
}
