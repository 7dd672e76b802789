package dev.rosterd.launcher;

import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Supplier;

/**
 * For tests that deploy the standard catalog and need the verticles it made (a listener, to read
 * back the port it got): the catalog's piece with a verticle supplier that records each verticle.
 */
public final class KeptVerticles {
  private KeptVerticles() {}

  /** The piece of {@code section} of {@code catalog}, whose verticles {@code make} builds and {@code made} keeps. */
  public static <V extends Deployable> Piece<?> keeping(
      PieceCatalog catalog, String section, Supplier<V> make, List<V> made) {
    return withVerticle(catalog.find(section).orElseThrow(), () -> {
      V v = make.get();
      made.add(v);
      return v;
    });
  }

  private static <O> Piece<O> withVerticle(Piece<O> p, Supplier<? extends Deployable> verticle) {
    return new Piece<>(p.section(), p.options(), verticle, p.endpoint());
  }
}
