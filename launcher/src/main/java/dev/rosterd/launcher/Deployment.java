package dev.rosterd.launcher;

import dev.rosterd.common.bus.PieceDeployment;
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

  /** As listed on the event bus and at {@code GET /admin/verticles}. */
  public PieceDeployment toBus() {
    return new PieceDeployment(
        name(), deploymentId, piece.instances(), hash(piece), deployedAt.toString());
  }

  /** The hash of the section a piece was configured with ({@code instances} included). */
  static String hash(ConfiguredPiece piece) {
    return ConfigHash.of(
        piece.deploymentConfig().copy().put(RosterdConfig.INSTANCES, piece.instances()));
  }
}
