package dev.rosterd.launcher;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.util.List;

/**
 * Two small pieces built like rosterd's own (an options class over ConfigReader, a VerticleBase),
 * so the launcher's checking and deploy order can be tested without the real pieces' behaviour.
 * Each started instance publishes its section name and config on {@link #STARTED}.
 */
final class TestPieces {
  static final String STARTED = "test.piece.started";

  private TestPieces() {}

  static PieceCatalog catalog() {
    // The listener is listed first on purpose: deploy order must not follow catalog order.
    return new PieceCatalog(
        List.of(
            Piece.listening("listener", ListenerOptions::new, ListenerVerticle::new, o -> "127.0.0.1:" + o.port),
            Piece.internal("quiet", QuietOptions::new, QuietVerticle::new)));
  }

  /** Options of a piece that listens: {@code port} (an integer, default 0). */
  static final class ListenerOptions {
    final String domain;
    final int port;

    ListenerOptions(JsonObject json) {
      ConfigReader r = new ConfigReader(json, "listener");
      domain = r.requiredString("domain");
      port = r.integer("port", 0, 0, 65535);
      r.rejectUnknownKeys();
    }
  }

  /** Options of a piece that only uses the event bus: {@code flag} (a boolean, default false). */
  static final class QuietOptions {
    QuietOptions(JsonObject json) {
      ConfigReader r = new ConfigReader(json, "quiet");
      r.requiredString("domain");
      r.bool("flag", false);
      r.rejectUnknownKeys();
    }
  }

  /** Listens on its configured port, on 127.0.0.1. */
  public static final class ListenerVerticle extends VerticleBase {
    @Override
    public Future<?> start() {
      ListenerOptions o = new ListenerOptions(config());
      NetServer server = vertx.createNetServer().connectHandler(s -> s.close());
      return server
          .listen(o.port, "127.0.0.1")
          .onSuccess(s -> announce("listener"));
    }

    private void announce(String name) {
      vertx.eventBus().publish(STARTED, new JsonObject().put("name", name).put("config", config()));
    }
  }

  public static final class QuietVerticle extends VerticleBase {
    @Override
    public Future<?> start() {
      new QuietOptions(config());
      vertx.eventBus().publish(STARTED, new JsonObject().put("name", "quiet").put("config", config()));
      return Future.succeededFuture();
    }
  }
}
