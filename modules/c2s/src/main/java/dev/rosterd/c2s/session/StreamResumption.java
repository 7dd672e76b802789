package dev.rosterd.c2s.session;

import dev.rosterd.c2s.sm.ResumptionId;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.SessionMessage;
import dev.rosterd.common.jid.Jids;
import dev.rosterd.common.session.SessionAddressing;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import java.util.Optional;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new stream resumes a session (XEP-0198 §5). The id names the session's address; the stream
 * takes an address of its own in this instance's inbox and asks the session, over the event bus,
 * to move to it ({@link SessionMessage.Resume}). The same path serves a session on this instance,
 * on another instance of this node, or on another node of the cluster that is still alive.
 */
final class StreamResumption {
  private static final Logger log = LoggerFactory.getLogger(StreamResumption.class);

  /** How long the stream waits for the session to answer (it answers after its pending steps). */
  static final long RESUME_TIMEOUT_MS = 10_000;

  private final SessionServices services;

  StreamResumption(SessionServices services) {
    this.services = services;
  }

  Future<BoundSession> resume(EntityBareJid user, String previd, long h, ClientLink link) {
    Optional<String> session = ResumptionId.address(previd);
    if (session.isEmpty() || !session.get().startsWith(Addresses.SESSION_PREFIX)) {
      return Future.failedFuture(new ResumptionRefused("item-not-found", "not a resumption id"));
    }
    String relay = services.local().newAddress();
    SessionMessage.Resume ask = new SessionMessage.Resume(user.toString(), previd, h, relay);
    return OnConnection.of(link, services.local().ready())
        .compose(v -> {
          services.local().add(relay, new RelayInbox(link, session.get()), link.context());
          return OnConnection.of(link, SessionAddressing.request(services.vertx(), session.get(), ask.toJson(),
              new DeliveryOptions().setSendTimeout(RESUME_TIMEOUT_MS)));
        })
        .<BoundSession>map(reply -> new RelayedSession(services.vertx(), jid(reply.body().getString("jid")),
            session.get(), relay, services.local()))
        .recover(e -> {
          services.local().remove(relay);
          log.debug("{} could not resume {}: {}", user, session.get(), e.toString());
          return Future.failedFuture(refusal(e));
        });
  }

  private static EntityFullJid jid(String full) {
    return Jids.parse(full).filter(j -> j.isEntityFullJid()).map(j -> j.asEntityFullJidOrThrow())
        .orElseThrow(() -> new IllegalStateException("a resumed session answered without its JID"));
  }

  private static ResumptionRefused refusal(Throwable e) {
    if (e instanceof ReplyException r && r.failureCode() == BusFailure.BAD_REQUEST) {
      return new ResumptionRefused("unexpected-request", r.getMessage());
    }
    return new ResumptionRefused("item-not-found", "no such session");
  }
}
