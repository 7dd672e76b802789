package dev.rosterd.c2s.archive;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusFailure;
import dev.rosterd.common.bus.MessageStore;
import dev.rosterd.common.bus.MessageStored;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the chat messages the server accepts, through the archive piece
 * ({@link Addresses#ARCHIVE_STORE}): in the recipient's offline queue when no resource can take it
 * (XEP-0160), and in the archives of sender and recipient (XEP-0313). A message is kept before it
 * is delivered, so that the id the archive gives it (XEP-0359) goes with it, and so that a message
 * the server answered for is either written to a stream or committed.
 *
 * <p>Without the archive piece (nobody consumes its address) messages are delivered as before and
 * a message nobody can take bounces; the request is not retried, so that routing never waits for a
 * piece that is not deployed.
 */
public final class MessageKeeping {
  private static final Logger log = LoggerFactory.getLogger(MessageKeeping.class);

  /** What became of a message given to the store. */
  public enum Outcome {
    /** Committed: in the offline queue and/or the archives. */
    KEPT,
    /** No archive piece is deployed. */
    NO_ARCHIVE,
    /** The recipient's offline queue is full. */
    FULL,
    /** The store could not take it (down, full, too slow). */
    FAILED
  }

  /**
   * @param stanzaId the XEP-0359 id, when {@link Outcome#KEPT}
   */
  public record Kept(Outcome outcome, String stanzaId) {}

  private final ArchiveRequests archive;

  public MessageKeeping(Vertx vertx) {
    this.archive = new ArchiveRequests(vertx);
  }

  /** A chat or normal message with a body: what offline delivery and the archive keep. */
  public static boolean keepable(Element message) {
    String type = message.optAttribute("type").orElse("normal");
    return (type.equals("chat") || type.equals("normal")) && message.child("body", Namespaces.CLIENT).isPresent();
  }

  /**
   * Keeps {@code message} from {@code sender} to {@code recipient}.
   *
   * @param offline whether no resource of the recipient takes it now
   * @param contacts whether the two are contacts in the web application's roster
   */
  public Future<Kept> keep(Element message, EntityFullJid sender, BareJid recipient, boolean offline, boolean contacts) {
    Set<String> archives = new LinkedHashSet<>(List.of(recipient.toString(), sender.asBareJid().toString()));
    MessageStore store = new MessageStore(recipient.toString(), sender.toString(),
        // Standalone (with its jabber:client declaration): it is given back inside MAM results too.
        StanzaIds.withoutOurs(message, recipient).toXml(""), offline, List.copyOf(archives), contacts);
    return archive.request(Addresses.ARCHIVE_STORE, store.toJson())
        .map(reply -> new Kept(Outcome.KEPT, MessageStored.fromJson(reply).stanzaId()))
        .otherwise(e -> new Kept(outcome(e, recipient), null));
  }

  /**
   * Queues {@code message}, already archived when it was first routed, for {@code recipient}'s next
   * initial presence alone: a message delivered to a session whose client never acknowledged it
   * (XEP-0198). Its sender is its {@code from}; it keeps the id the archive gave it, which offline
   * delivery stamps again, so that it carries one id (XEP-0359 §4: one per {@code by}).
   *
   * @return whether the offline queue took it (false: no archive piece, queue full, store down)
   */
  public Future<Boolean> queueOffline(Element message, BareJid recipient) {
    MessageStore store = new MessageStore(recipient.toString(), message.attribute("from"),
        StanzaIds.withoutOurs(message, recipient).toXml(""), true, List.of(), true,
        StanzaIds.ours(message, recipient).orElse(null));
    return archive.request(Addresses.ARCHIVE_STORE, store.toJson())
        .map(reply -> true)
        .otherwise(e -> outcome(e, recipient) == Outcome.KEPT);
  }

  private static Outcome outcome(Throwable e, BareJid recipient) {
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
      return Outcome.NO_ARCHIVE;
    }
    if (e instanceof ReplyException r && r.failureCode() == BusFailure.RESOURCE_CONSTRAINT) {
      log.info("offline queue of {} is full: {}", recipient, r.getMessage());
      return Outcome.FULL;
    }
    log.warn("a message to {} could not be kept: {}", recipient, e.getMessage());
    return Outcome.FAILED;
  }
}
