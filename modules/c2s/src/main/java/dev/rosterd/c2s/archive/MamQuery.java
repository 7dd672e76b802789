package dev.rosterd.c2s.archive;

import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.ArchivePage;
import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.IqReply;
import dev.rosterd.stanza.Namespaces;
import dev.rosterd.stanza.XmlEscape;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jxmpp.jid.EntityFullJid;

/**
 * A client's query of its own message archive (XEP-0313, {@code urn:xmpp:mam:2}): the data form's
 * {@code with}, {@code start} and {@code end}, XEP-0059 paging ({@code max}, {@code after}, {@code
 * before}, an empty {@code before} for the last page), answered by one {@code <result/>} message
 * per archived message, then the iq result with {@code <fin/>}.
 */
public final class MamQuery {
  /** XEP-0313 version 2. */
  public static final String NAMESPACE = "urn:xmpp:mam:2";
  /** XEP-0059 result set management. */
  public static final String RSM = "http://jabber.org/protocol/rsm";
  /** XEP-0004 data forms. */
  public static final String DATA_FORMS = "jabber:x:data";

  private final ArchiveRequests archive;
  private final EntityFullJid jid;

  public MamQuery(Vertx vertx, EntityFullJid jid) {
    this.archive = new ArchiveRequests(vertx);
    this.jid = jid;
  }

  /**
   * What the client gets for a query, in order: the result messages, then the iq result (or only
   * an iq error), each as XML text.
   */
  public Future<List<String>> answer(Element iq) {
    Element query = iq.children().get(0);
    if ("get".equals(iq.attribute("type"))) {
      return Future.succeededFuture(List.of(IqReply.result(iq).child(MamForm.fields()).build().toXml()));
    }
    ArchiveQuery request = MamForm.read(jid.asBareJid().toString(), query);
    return archive.request(Addresses.ARCHIVE_QUERY, request.toJson())
        .map(reply -> page(iq, query.attribute("queryid"), ArchivePage.fromJson(reply)))
        .recover(e -> Future.succeededFuture(List.of(ArchiveRequests.error(iq, e).toXml())));
  }

  private List<String> page(Element iq, String queryId, ArchivePage page) {
    List<String> out = new ArrayList<>(page.messages().size() + 1);
    for (ArchivePage.Item m : page.messages()) {
      out.add(result(queryId, m));
    }
    Element.Builder set = Element.builder("set", RSM);
    Optional.ofNullable(page.first()).ifPresent(f -> set.child(Element.builder("first", RSM).text(f).build()));
    Optional.ofNullable(page.last()).ifPresent(l -> set.child(Element.builder("last", RSM).text(l).build()));
    set.child(Element.builder("count", RSM).text(Long.toString(page.count())).build());
    Element.Builder fin = Element.builder("fin", NAMESPACE).child(set.build());
    if (page.complete()) {
      fin.attribute("complete", "true");
    }
    if (queryId != null) {
      fin.attribute("queryid", queryId);
    }
    out.add(IqReply.result(iq).child(fin.build()).build().toXml());
    return out;
  }

  /** One archived message, forwarded with its stamp (XEP-0313 §4.2); the stored XML goes in as it is. */
  private String result(String queryId, ArchivePage.Item m) {
    StringBuilder out = new StringBuilder(m.stanzaXml().length() + 400);
    out.append("<message xmlns='").append(Namespaces.CLIENT).append("' to='")
        .append(XmlEscape.attribute(jid.toString())).append("'><result xmlns='").append(NAMESPACE).append('\'');
    if (queryId != null) {
      out.append(" queryid='").append(XmlEscape.attribute(queryId)).append('\'');
    }
    out.append(" id='").append(XmlEscape.attribute(m.stanzaId())).append("'><forwarded xmlns='")
        .append(Namespaces.FORWARD).append("'><delay xmlns='").append(Namespaces.DELAY).append("' stamp='")
        .append(OfflineDelivery.stamp(m.timestamp())).append("'/>")
        .append(m.stanzaXml())
        .append("</forwarded></result></message>");
    return out.toString();
  }
}
