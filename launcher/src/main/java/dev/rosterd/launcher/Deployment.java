package dev.rosterd.launcher;

import dev.rosterd.launcher.RosterdConfig.ConfiguredPiece;
import java.time.Instant;

/**
 * A piece as it runs: what was deployed, under which Vert.x deployment id, and since when.
 *
 * @param piece the checked config it was deployed with
 * @param deploymentId Vert.x's id, for undeploying it alone
 * @param deployedAt when the deployment completed
 */
public record Deployment(ConfiguredPiece piece, String deploymentId, Instant deployedAt) {
  public String name() {
    return piece.name();
  }
}
