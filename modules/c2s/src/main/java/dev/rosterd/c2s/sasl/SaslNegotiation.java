package dev.rosterd.c2s.sasl;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import io.vertx.core.Future;
import java.util.Base64;
import java.util.List;
import org.jxmpp.jid.EntityBareJid;

/**
 * The SASL part of stream negotiation (RFC 6120 §6) for one connection: takes {@code <auth/>},
 * {@code <response/>} and {@code <abort/>}, runs the chosen mechanism and says what to answer.
 * It counts failed attempts; after {@code maxAttempts} of them RFC 6120 §6.4.5 has the server close
 * the stream, which {@link Outcome#retriesExhausted()} tells the connection to do. Attempts across
 * connections are limited by the auth piece's failure budgets, which it keeps by username and by
 * the client's address, given here as {@code peer}.
 */
public final class SaslNegotiation {
  /** The mechanisms rosterd implements, strongest first; the -PLUS variants are not offered. */
  public static final List<String> SUPPORTED = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", SaslPlain.NAME);

  private final Credentials credentials;
  private final String domain;
  private final int maxAttempts;
  private final String peer;
  private SaslMechanism current;
  private int failures;

  /**
   * What to send back.
   *
   * @param reply the {@code <challenge/>}, {@code <success/>} or {@code <failure/>} element
   * @param user the authenticated user on success, else null
   * @param retriesExhausted true when this failure was the last one allowed
   */
  public record Outcome(Element reply, EntityBareJid user, boolean retriesExhausted) {}

  /** @param peer the client's IP address, e.g. {@code "203.0.113.7"} */
  public SaslNegotiation(Credentials credentials, String domain, int maxAttempts, String peer) {
    this.credentials = credentials;
    this.domain = domain;
    this.maxAttempts = maxAttempts;
    this.peer = peer;
  }

  /** The {@code <mechanisms/>} stream feature listing {@code offered}. */
  public static Element feature(List<String> offered) {
    Element.Builder b = Element.builder("mechanisms", Namespaces.SASL);
    for (String m : offered) {
      b.child(Element.builder("mechanism", Namespaces.SASL).text(m).build());
    }
    return b.build();
  }

  /**
   * Starts an exchange.
   *
   * @param offered the mechanisms announced in this stream's features
   * @param encryptionMissing true when TLS is required but not yet in place (RFC 6120 §6.5.3)
   */
  public Future<Outcome> auth(Element auth, List<String> offered, boolean encryptionMissing) {
    if (encryptionMissing) {
      return Future.succeededFuture(fail(SaslStep.ENCRYPTION_REQUIRED, false));
    }
    String name = auth.attribute("mechanism");
    if (name == null || !offered.contains(name)) {
      return Future.succeededFuture(fail(SaslStep.INVALID_MECHANISM, true));
    }
    current = name.equals(SaslPlain.NAME)
        ? new SaslPlain(credentials, domain, peer)
        : new SaslScram(name, credentials, domain, peer);
    String text = auth.text().trim();
    // RFC 6120 §6.4.2: no text means no initial response; "=" means an empty one.
    return step(text.isEmpty() ? null : text.equals("=") ? "" : text);
  }

  /** The client's answer to a challenge. */
  public Future<Outcome> response(Element response) {
    if (current == null) {
      return Future.succeededFuture(fail(SaslStep.MALFORMED_REQUEST, true));
    }
    String text = response.text().trim();
    return step(text.equals("=") ? "" : text);
  }

  /** The client gave up the exchange (RFC 6120 §6.4.4). */
  public Outcome abort() {
    current = null;
    return fail(SaslStep.ABORTED, true);
  }

  private Future<Outcome> step(String base64) {
    byte[] data;
    try {
      data = base64 == null ? null : Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      current = null;
      return Future.succeededFuture(fail(SaslStep.INCORRECT_ENCODING, true));
    }
    return current.evaluate(data).map(this::outcome);
  }

  private Outcome outcome(SaslStep step) {
    if (step instanceof SaslStep.Challenge c) {
      return new Outcome(withData("challenge", c.data()), null, false);
    }
    current = null;
    if (step instanceof SaslStep.Success s) {
      return new Outcome(withData("success", s.additionalData()), s.user(), false);
    }
    SaslStep.Failure failure = (SaslStep.Failure) step;
    // A store that cannot answer is not the client's fault, so it does not use up a retry; a
    // client refused for failing too often does.
    boolean counts = !failure.condition().equals(SaslStep.TEMPORARY_AUTH_FAILURE) || failure.equals(SaslStep.THROTTLED);
    return fail(failure, counts);
  }

  private Outcome fail(String condition, boolean counts) {
    return fail(new SaslStep.Failure(condition), counts);
  }

  private Outcome fail(SaslStep.Failure step, boolean counts) {
    if (counts) {
      failures++;
    }
    Element.Builder failure = Element.builder("failure", Namespaces.SASL)
        .child(Element.builder(step.condition(), Namespaces.SASL).build());
    if (step.text() != null) {
      failure.child(Element.builder("text", Namespaces.SASL).text(step.text()).build());
    }
    return new Outcome(failure.build(), null, failures >= maxAttempts);
  }

  private static Element withData(String name, byte[] data) {
    Element.Builder b = Element.builder(name, Namespaces.SASL);
    if (data.length > 0) {
      b.text(Base64.getEncoder().encodeToString(data));
    }
    return b.build();
  }
}
