package dev.rosterd.stanza;

/** The {@code result} answer to an iq get or set (RFC 6120 §8.2.3): same id, addresses swapped. */
public final class IqReply {
  private IqReply() {}

  /** An empty result; add a payload with {@link Element.Builder#child}. */
  public static Element.Builder result(Element iq) {
    return Element.builder("iq", Namespaces.CLIENT)
        .attribute("from", iq.attribute("to"))
        .attribute("to", iq.attribute("from"))
        .attribute("id", iq.attribute("id"))
        .attribute("type", "result");
  }

  /** True for the request types that must always be answered. */
  public static boolean isRequest(Element iq) {
    String type = iq.attribute("type");
    return "get".equals(type) || "set".equals(type);
  }
}
