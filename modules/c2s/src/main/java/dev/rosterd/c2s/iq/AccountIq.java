package dev.rosterd.c2s.iq;

import dev.rosterd.stanza.Element;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The iq protocols a session answers for its user's account beyond the server's own (roster,
 * carbons, the message archive), each by the namespace of its payload. Each answer is what the
 * client gets, in order, as XML text: a XEP-0313 query answers with result messages before the iq
 * result.
 */
public final class AccountIq {
  private final Map<String, Function<Element, Future<List<String>>>> byNamespace;
  private final Map<String, Function<Element, Future<List<String>>>> accountOnly;

  /**
   * @param byNamespace the handler of each payload namespace, whether the iq is addressed to the
   *     account or to the server
   * @param accountOnly handlers only for iqs addressed to the account (its disco#info), where the
   *     server answers for itself otherwise
   */
  public AccountIq(Map<String, Function<Element, Future<List<String>>>> byNamespace,
      Map<String, Function<Element, Future<List<String>>>> accountOnly) {
    this.byNamespace = Map.copyOf(byNamespace);
    this.accountOnly = Map.copyOf(accountOnly);
  }

  /** A handler that answers with one stanza. */
  public static Function<Element, Future<List<String>>> single(Function<Element, Future<Element>> handler) {
    return iq -> handler.apply(iq).map(reply -> List.of(reply.toXml()));
  }

  /** The handler for a request with one payload in one of these namespaces. */
  Optional<Function<Element, Future<List<String>>>> handler(Element iq, boolean forServer) {
    if (iq.children().size() != 1) {
      return Optional.empty();
    }
    String namespace = iq.children().get(0).namespace();
    return Optional.ofNullable(byNamespace.get(namespace))
        .or(() -> forServer ? Optional.empty() : Optional.ofNullable(accountOnly.get(namespace)));
  }
}
