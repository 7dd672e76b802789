package dev.rosterd.stanza;

/**
 * Error replies to stanzas (RFC 6120 §8.3): the reply goes back to the sender with {@code
 * type='error'}, the addresses swapped, the same {@code id}, and an {@code <error/>} child carrying
 * the defined condition.
 */
public final class StanzaError {
  private StanzaError() {}

  /** RFC 6120 §8.3.2 error types. */
  public enum Type {
    AUTH, CANCEL, CONTINUE, MODIFY, WAIT;

    String xml() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The error reply to {@code stanza}.
   *
   * @param condition a defined condition of RFC 6120 §8.3.3, e.g. {@code service-unavailable}
   */
  public static Element reply(Element stanza, Type type, String condition) {
    return reply(stanza, type, condition, null);
  }

  /** As {@link #reply(Element, Type, String)}, with a human-readable {@code <text/>}. */
  public static Element reply(Element stanza, Type type, String condition, String text) {
    Element.Builder error =
        Element.builder("error", Namespaces.CLIENT)
            .attribute("type", type.xml())
            .child(Element.builder(condition, Namespaces.STANZAS_ERRORS).build());
    if (text != null) {
      error.child(Element.builder("text", Namespaces.STANZAS_ERRORS).text(text).build());
    }
    return Element.builder(stanza.name(), stanza.namespace())
        .attribute("from", stanza.attribute("to"))
        .attribute("to", stanza.attribute("from"))
        .attribute("id", stanza.attribute("id"))
        .attribute("type", "error")
        .child(error.build())
        .build();
  }
}
