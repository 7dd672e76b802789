package dev.rosterd.c2s.sm;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.util.Optional;

/** The XEP-0198 elements the server writes, serialised, and the {@code h} a client's element carries. */
public final class SmNonzas {
  private SmNonzas() {}

  /** The stream feature (§3), offered once the client authenticated. */
  public static Element feature() {
    return Element.builder("sm", Namespaces.SM).build();
  }

  /**
   * {@code <enabled/>} (§3): with {@code id}, {@code resume='true'} and {@code max} when the
   * session is resumable ({@code id} not null).
   */
  public static String enabled(String id, int maxSeconds) {
    Element.Builder enabled = Element.builder("enabled", Namespaces.SM);
    if (id != null) {
      enabled.attribute("id", id).attribute("resume", "true").attribute("max", Integer.toString(maxSeconds));
    }
    return xml(enabled.build());
  }

  /** {@code <resumed/>} (§5): the session is back, having handled {@code h} of the client's stanzas. */
  public static String resumed(String previd, long h) {
    return xml(Element.builder("resumed", Namespaces.SM)
        .attribute("previd", previd).attribute("h", Long.toString(h)).build());
  }

  /** {@code <failed/>} with a stanza error condition (§3, §5), e.g. {@code item-not-found}. */
  public static String failed(String condition) {
    return xml(Element.builder("failed", Namespaces.SM)
        .child(Element.builder(condition, Namespaces.STANZAS_ERRORS).build()).build());
  }

  /** {@code <r/>}: the server asks for an acknowledgement. */
  public static String request() {
    return xml(Element.builder("r", Namespaces.SM).build());
  }

  /** {@code <a h=''/>}: the server has handled {@code h} of the client's stanzas. */
  public static String answer(long h) {
    return xml(Element.builder("a", Namespaces.SM).attribute("h", Long.toString(h)).build());
  }

  /** The {@code h} of an {@code <a/>} or {@code <resume/>}: an unsigned 32-bit integer, or empty. */
  public static Optional<Long> count(Element e) {
    String h = e.attribute("h");
    if (h == null || h.isEmpty() || h.length() > 10 || !h.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    long value = Long.parseLong(h);
    return value < (1L << 32) ? Optional.of(value) : Optional.empty();
  }

  private static String xml(Element e) {
    return e.toXml(Namespaces.CLIENT);
  }
}
