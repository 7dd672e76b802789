package dev.rosterd.c2s.archive;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchivePrefsGet;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.IqReply;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.StanzaError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;
import org.jxmpp.jid.BareJid;

/**
 * XEP-0030 disco#info of the user's own bare JID: identity {@code account/registered} and the
 * message archive (XEP-0313) with its stanza ids (XEP-0359) exactly when an archive piece answers,
 * which is what web clients (Converse.js) look at before they query the archive.
 */
public final class AccountDisco {
  private final ArchiveRequests archive;
  private final BareJid owner;

  public AccountDisco(Vertx vertx, BareJid owner) {
    this.archive = new ArchiveRequests(vertx);
    this.owner = owner;
  }

  public Future<Element> answer(Element iq) {
    Element query = iq.children().get(0);
    if (!"get".equals(iq.attribute("type")) || !query.name().equals("query") || query.attribute("node") != null) {
      return Future.succeededFuture(StanzaError.reply(iq, StanzaError.Type.CANCEL, "item-not-found"));
    }
    return archived().map(archived -> {
      List<String> features = new ArrayList<>(List.of(Namespaces.DISCO_INFO));
      if (archived) {
        features.add(MamQuery.NAMESPACE);
        features.add(StanzaIds.NAMESPACE);
      }
      Element.Builder info = Element.builder("query", Namespaces.DISCO_INFO)
          .child(Element.builder("identity", Namespaces.DISCO_INFO)
              .attribute("category", "account").attribute("type", "registered").build());
      features.forEach(f -> info.child(Element.builder("feature", Namespaces.DISCO_INFO).attribute("var", f).build()));
      return IqReply.result(iq).child(info.build()).build();
    });
  }

  /** Whether an archive piece answers (its store may be down: it is still the one to ask). */
  private Future<Boolean> archived() {
    return archive.request(Addresses.ARCHIVE_PREFS_GET, new ArchivePrefsGet(owner.toString()).toJson())
        .map(true)
        .otherwise(e -> !(e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS));
  }
}
