package dev.rosterd.c2s.archive;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchivePrefs;
import dev.rosterd.common.bus.ArchivePrefsGet;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.IqReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.jxmpp.jid.BareJid;

/**
 * A user's archive preferences (XEP-0313 §6): {@code <prefs default='always|roster|never'>} with
 * the JIDs always and never archived, read with an iq get and replaced with an iq set.
 */
public final class MamPrefs {
  private final ArchiveRequests archive;
  private final BareJid owner;

  public MamPrefs(Vertx vertx, BareJid owner) {
    this.archive = new ArchiveRequests(vertx);
    this.owner = owner;
  }

  /** The answer to an iq whose payload is {@code <prefs/>}: the preferences as stored after it. */
  public Future<Element> answer(Element iq) {
    Element prefs = iq.children().get(0);
    Future<io.vertx.core.json.JsonObject> stored = "set".equals(iq.attribute("type"))
        ? archive.request(Addresses.ARCHIVE_PREFS_SET, read(prefs).toJson())
        : archive.request(Addresses.ARCHIVE_PREFS_GET, new ArchivePrefsGet(owner.toString()).toJson());
    return stored
        .map(reply -> IqReply.result(iq).child(write(ArchivePrefs.fromJson(reply))).build())
        .recover(e -> Future.succeededFuture(ArchiveRequests.error(iq, e)));
  }

  private ArchivePrefs read(Element prefs) {
    return new ArchivePrefs(owner.toString(), prefs.optAttribute("default").orElse("always"),
        jids(prefs, "always"), jids(prefs, "never"));
  }

  private static List<String> jids(Element prefs, String list) {
    return prefs.child(list, MamQuery.NAMESPACE)
        .map(l -> l.children().stream().filter(c -> c.is("jid", MamQuery.NAMESPACE)).map(c -> c.text().trim()).toList())
        .orElse(List.of());
  }

  private static Element write(ArchivePrefs prefs) {
    return Element.builder("prefs", MamQuery.NAMESPACE).attribute("default", prefs.defaultMode())
        .child(list("always", prefs.always()))
        .child(list("never", prefs.never()))
        .build();
  }

  private static Element list(String name, List<String> jids) {
    Element.Builder list = Element.builder(name, MamQuery.NAMESPACE);
    jids.forEach(j -> list.child(Element.builder("jid", MamQuery.NAMESPACE).text(j).build()));
    return list.build();
  }
}
