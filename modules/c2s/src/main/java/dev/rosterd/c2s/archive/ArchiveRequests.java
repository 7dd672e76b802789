package dev.rosterd.c2s.archive;

import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Requests of the c2s to the archive piece, and the stanza error each failure is for the client. */
final class ArchiveRequests {
  private static final Logger log = LoggerFactory.getLogger(ArchiveRequests.class);

  static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;

  ArchiveRequests(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(m -> m.body());
  }

  /**
   * The error reply to {@code iq} for a failed archive request: no archive piece is
   * {@code service-unavailable}, a bad field {@code bad-request}, an unknown RSM id {@code
   * item-not-found} (XEP-0313 §4.3.5), a store that failed {@code internal-server-error} (wait).
   */
  static Element error(Element iq, Throwable e) {
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
      return StanzaError.reply(iq, StanzaError.Type.CANCEL, "service-unavailable");
    }
    if (e instanceof ReplyException r && r.failureCode() == BusFailure.BAD_REQUEST) {
      return StanzaError.reply(iq, StanzaError.Type.MODIFY, "bad-request", r.getMessage());
    }
    if (e instanceof ReplyException r && r.failureCode() == BusFailure.NOT_FOUND) {
      return StanzaError.reply(iq, StanzaError.Type.CANCEL, "item-not-found");
    }
    log.warn("archive request for {} failed: {}", iq.attribute("from"), e.getMessage());
    return StanzaError.reply(iq, StanzaError.Type.WAIT, "internal-server-error");
  }
}
