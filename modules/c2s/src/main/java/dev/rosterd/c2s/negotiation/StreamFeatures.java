package dev.rosterd.c2s.negotiation;

import dev.rosterd.c2s.sasl.Credentials;
import dev.rosterd.c2s.sasl.SaslNegotiation;
import dev.rosterd.c2s.sm.SmNonzas;
import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream features announced after each stream header (RFC 6120 §4.3.2), by stage: STARTTLS
 * first (required unless encryption is optional), then the SASL mechanisms both rosterd and the
 * credential store support, then resource binding and roster versioning.
 */
final class StreamFeatures {
  private static final Logger LOG = LoggerFactory.getLogger(StreamFeatures.class);

  private final Credentials credentials;
  private final boolean requireEncryption;

  /**
   * The features of one stream.
   *
   * @param features the feature elements, in order
   * @param mechanisms the SASL mechanisms among them; the only ones {@code <auth/>} may name
   */
  record Offer(List<Element> features, List<String> mechanisms) {}

  StreamFeatures(Credentials credentials, boolean requireEncryption) {
    this.credentials = credentials;
    this.requireEncryption = requireEncryption;
  }

  /** @param canStartTls whether the transport can offer STARTTLS (a plain TCP connection) */
  Future<Offer> at(Stage stage, boolean canStartTls) {
    if (stage == Stage.CONNECTED && !canStartTls) {
      return withMechanisms(null);
    }
    return switch (stage) {
      case CONNECTED -> {
        Element.Builder starttls = Element.builder("starttls", Namespaces.TLS);
        if (requireEncryption) {
          starttls.child(Element.builder("required", Namespaces.TLS).build());
          yield Future.succeededFuture(new Offer(List.of(starttls.build()), List.of()));
        }
        yield withMechanisms(starttls.build());
      }
      case SECURED -> withMechanisms(null);
      case AUTHENTICATED -> Future.succeededFuture(new Offer(List.of(
          Element.builder("bind", Namespaces.BIND).build(),
          // RFC 6121 Appendix E: old clients look for session establishment; mark it optional.
          Element.builder("session", Namespaces.SESSION)
              .child(Element.builder("optional", Namespaces.SESSION).build()).build(),
          // XEP-0237: without this, clients never send the ver they hold.
          Element.builder("ver", Namespaces.ROSTER_VERSIONING).build(),
          // XEP-0352 §3: client state indication is announced as a stream feature.
          Element.builder("csi", Namespaces.CSI).build(),
          // XEP-0198 §3: after authentication, for enable (after bind) or resume (instead of it).
          SmNonzas.feature()),
          List.of()));
      case BOUND -> throw new IllegalStateException("a bound stream is never restarted");
    };
  }

  private Future<Offer> withMechanisms(Element before) {
    return credentials.mechanisms()
        .otherwise(e -> {
          // The auth piece is not answering: offer PLAIN, whose check will then fail with
          // temporary-auth-failure, telling the client to come back rather than that it is wrong.
          LOG.warn("auth piece not answering for mechanisms: {}", e.getMessage());
          return List.of("PLAIN");
        })
        .map(available -> {
          List<String> offered = available.stream().filter(SaslNegotiation.SUPPORTED::contains).toList();
          List<Element> features = new ArrayList<>();
          if (before != null) {
            features.add(before);
          }
          features.add(SaslNegotiation.feature(offered));
          return new Offer(features, offered);
        });
  }
}
