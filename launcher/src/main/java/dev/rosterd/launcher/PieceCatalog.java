package dev.rosterd.launcher;

import dev.rosterd.admin.AdminHttpOptions;
import dev.rosterd.admin.AdminHttpVerticle;
import dev.rosterd.archive.ArchiveOptions;
import dev.rosterd.archive.ArchiveVerticle;
import dev.rosterd.auth.AuthOptions;
import dev.rosterd.auth.AuthVerticle;
import dev.rosterd.blocking.SubscriptionBlockingOptions;
import dev.rosterd.blocking.SubscriptionBlockingVerticle;
import dev.rosterd.c2s.C2sOptions;
import dev.rosterd.c2s.C2sVerticle;
import dev.rosterd.cache.RosterCacheOptions;
import dev.rosterd.cache.RosterCacheVerticle;
import dev.rosterd.demo.DemoBackendOptions;
import dev.rosterd.demo.DemoBackendVerticle;
import dev.rosterd.fetcher.RosterFetcherOptions;
import dev.rosterd.fetcher.RosterFetcherVerticle;
import java.util.List;
import java.util.Optional;

/**
 * Every piece the launcher can deploy, by config section name, in deploy order for pieces of the
 * same kind (pieces that only use the event bus go before those that listen on a port).
 */
public final class PieceCatalog {
  private final List<Piece<?>> pieces;

  /** The pieces of rosterd, by the section names of the config file. */
  public static PieceCatalog standard() {
    return new PieceCatalog(
        List.of(
            Piece.internal("auth", AuthOptions::new, AuthVerticle::new),
            Piece.internal(
                RosterFetcherOptions.SECTION, RosterFetcherOptions::new, RosterFetcherVerticle::new),
            Piece.internal(
                RosterCacheOptions.SECTION, RosterCacheOptions::new, RosterCacheVerticle::new),
            Piece.internal(
                SubscriptionBlockingOptions.SECTION,
                SubscriptionBlockingOptions::new,
                SubscriptionBlockingVerticle::new),
            Piece.internal(ArchiveOptions.SECTION, ArchiveOptions::new, ArchiveVerticle::new),
            // The demo backend before the listeners that need it: rosters are fetched at login.
            Piece.listening(
                DemoBackendOptions.SECTION,
                DemoBackendOptions::new,
                DemoBackendVerticle::new,
                o -> o.host() + ":" + o.port()),
            Piece.listening(
                AdminHttpOptions.SECTION,
                AdminHttpOptions::new,
                AdminHttpVerticle::new,
                o -> o.host() + ":" + o.port()),
            Piece.listening(
                "c2s", C2sOptions::new, C2sVerticle::new, o -> o.host() + ":" + o.port())));
  }

  public PieceCatalog(List<Piece<?>> pieces) {
    this.pieces = List.copyOf(pieces);
  }

  public List<Piece<?>> pieces() {
    return pieces;
  }

  public List<String> sections() {
    return pieces.stream().map(Piece::section).toList();
  }

  /** This catalog with {@code piece} in place of the piece of the same section. */
  public PieceCatalog replacing(Piece<?> piece) {
    return new PieceCatalog(
        pieces.stream().map(p -> p.section().equals(piece.section()) ? piece : p).toList());
  }

  public Optional<Piece<?>> find(String section) {
    return pieces.stream().filter(p -> p.section().equals(section)).findFirst();
  }
}
