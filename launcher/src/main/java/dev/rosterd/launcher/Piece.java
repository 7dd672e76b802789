package dev.rosterd.launcher;

import io.vertx.core.Deployable;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One deployable piece of rosterd as the launcher knows it: the config section that turns it on,
 * the options class that checks that section, and how to make its verticle.
 *
 * @param section the top-level config key; the piece is deployed iff its section is present
 * @param options the piece's options constructor; it throws {@link
 *     dev.rosterd.common.config.ConfigException} naming the offending key
 * @param verticle makes one verticle instance (called once per instance)
 * @param endpoint for a piece that listens on a port: its address from its options, for the start
 *     line; null for a piece that only talks over the event bus
 * @param <O> the piece's options class
 */
public record Piece<O>(
    String section,
    Function<JsonObject, O> options,
    Supplier<? extends Deployable> verticle,
    Function<O, String> endpoint) {

  /** A piece that only consumes event-bus addresses; it is deployed before the listeners. */
  public static <O> Piece<O> internal(
      String section, Function<JsonObject, O> options, Supplier<? extends Deployable> verticle) {
    return new Piece<>(section, options, verticle, null);
  }

  /**
   * A piece that opens a port; it is deployed last, so that nothing reaches it before the pieces it
   * asks over the event bus are there.
   */
  public static <O> Piece<O> listening(
      String section,
      Function<JsonObject, O> options,
      Supplier<? extends Deployable> verticle,
      Function<O, String> endpoint) {
    return new Piece<>(section, options, verticle, endpoint);
  }

  public boolean listens() {
    return endpoint != null;
  }

  /** Checks a deployment config by building the options from it. */
  O check(JsonObject deploymentConfig) {
    return options.apply(deploymentConfig);
  }

  /** Where the piece listens, given options this piece built; null when it does not listen. */
  @SuppressWarnings("unchecked")
  String endpointOf(Object checkedOptions) {
    return endpoint == null ? null : endpoint.apply((O) checkedOptions);
  }
}
