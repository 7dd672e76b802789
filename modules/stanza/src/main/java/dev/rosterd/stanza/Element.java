package dev.rosterd.stanza;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An XML element as XMPP uses it: a stanza, or any element inside one.
 *
 * <p>Elements are immutable; {@link #builder} and {@link #toBuilder} make changed copies. Text is
 * kept as the concatenation of the element's own character data (XMPP has no mixed content that
 * matters to a server). {@link #toXml()} writes the element with every namespace declaration it
 * needs relative to the enclosing stream, escaping text and attribute values, so that anything
 * built here can go on the wire as it is.
 */
public final class Element {
  private static final String[] NO_ATTRIBUTES = {};

  private final String name;
  private final String namespace;
  /**
   * Names and values in turn, in document order: an array rather than a map, because every stanza
   * routed is parsed into elements, copied with a changed attribute or two and written out again,
   * and a stanza has a handful of attributes at most.
   */
  private final String[] attributes;
  private final List<Element> children;
  private final String text;

  private Element(Builder b) {
    this.name = b.name;
    this.namespace = b.namespace;
    this.attributes = b.attributes.isEmpty() ? NO_ATTRIBUTES : b.attributes.toArray(NO_ATTRIBUTES);
    this.children = b.children == null ? List.of() : List.copyOf(b.children);
    this.text = b.text == null ? "" : b.text.toString();
  }

  public static Builder builder(String name, String namespace) {
    return new Builder(name, namespace);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, namespace);
    Collections.addAll(b.attributes, attributes);
    if (!children.isEmpty()) {
      b.children = new ArrayList<>(children);
    }
    if (!text.isEmpty()) {
      b.text = new StringBuilder(text);
    }
    return b;
  }

  /** The local name, e.g. {@code message}. */
  public String name() {
    return name;
  }

  /** The namespace URI; the empty string for none. */
  public String namespace() {
    return namespace;
  }

  /** True when this element has the given local name and namespace. */
  public boolean is(String name, String namespace) {
    return this.name.equals(name) && this.namespace.equals(namespace);
  }

  /** The attributes without namespace declarations, in document order: a copy. */
  public Map<String, String> attributes() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < attributes.length; i += 2) {
      out.put(attributes[i], attributes[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }

  public String attribute(String name) {
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i].equals(name)) {
        return attributes[i + 1];
      }
    }
    return null;
  }

  public Optional<String> optAttribute(String name) {
    return Optional.ofNullable(attribute(name));
  }

  public List<Element> children() {
    return children;
  }

  /** The first child with the given name and namespace. */
  public Optional<Element> child(String name, String namespace) {
    for (int i = 0; i < children.size(); i++) {
      Element c = children.get(i);
      if (c.is(name, namespace)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The first child in the given namespace, whatever its name (e.g. an iq's payload). */
  public Optional<Element> firstChild() {
    return children.isEmpty() ? Optional.empty() : Optional.of(children.get(0));
  }

  public String text() {
    return text;
  }

  /** Serialises this element as if it stood inside a parent in namespace {@code parentNamespace}. */
  public String toXml(String parentNamespace) {
    // Room for a typical stanza, so that writing one seldom grows the buffer.
    StringBuilder out = new StringBuilder(256);
    write(out, parentNamespace);
    return out.toString();
  }

  /** Serialises this element as a stanza of a {@code jabber:client} stream. */
  public String toXml() {
    return toXml(Namespaces.CLIENT);
  }

  @Override
  public String toString() {
    return toXml("");
  }

  /** Equal elements have the same name, namespace, text, children, and attributes in any order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Element e
        && name.equals(e.name)
        && namespace.equals(e.namespace)
        && sameAttributes(e)
        && children.equals(e.children)
        && text.equals(e.text);
  }

  private boolean sameAttributes(Element e) {
    if (attributes.length != e.attributes.length) {
      return false;
    }
    for (int i = 0; i < attributes.length; i += 2) {
      if (!attributes[i + 1].equals(e.attribute(attributes[i]))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int attributesHash = 0;
    for (int i = 0; i < attributes.length; i += 2) {
      // As a map's: independent of the order.
      attributesHash += attributes[i].hashCode() ^ attributes[i + 1].hashCode();
    }
    return Objects.hash(name, namespace, attributesHash, children, text);
  }

  private void write(StringBuilder out, String parentNamespace) {
    out.append('<').append(name);
    if (!namespace.equals(parentNamespace)) {
      out.append(" xmlns='");
      XmlEscape.attribute(namespace, out);
      out.append('\'');
    }
    for (int i = 0; i < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("='");
      XmlEscape.attribute(attributes[i + 1], out);
      out.append('\'');
    }
    if (children.isEmpty() && text.isEmpty()) {
      out.append("/>");
      return;
    }
    out.append('>');
    XmlEscape.text(text, out);
    for (int i = 0; i < children.size(); i++) {
      children.get(i).write(out, namespace);
    }
    out.append("</").append(name).append('>');
  }

  /** Builds an {@link Element}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String namespace;
    /** Names and values in turn, as {@link Element#attributes}. */
    private final List<String> attributes = new ArrayList<>(8);
    /** Null until a child is added: most elements have none. */
    private List<Element> children;
    /** Null until text is added. */
    private StringBuilder text;

    private Builder(String name, String namespace) {
      this.name = Objects.requireNonNull(name, "name");
      this.namespace = namespace == null ? "" : namespace;
    }

    /** Sets an attribute; a null value removes it. */
    public Builder attribute(String name, String value) {
      Objects.requireNonNull(name, "name");
      for (int i = 0; i < attributes.size(); i += 2) {
        if (attributes.get(i).equals(name)) {
          if (value == null) {
            attributes.subList(i, i + 2).clear();
          } else {
            attributes.set(i + 1, value);
          }
          return this;
        }
      }
      if (value != null) {
        attributes.add(name);
        attributes.add(value);
      }
      return this;
    }

    public Builder child(Element child) {
      Objects.requireNonNull(child);
      if (children == null) {
        children = new ArrayList<>();
      }
      children.add(child);
      return this;
    }

    public Builder children(List<Element> more) {
      more.forEach(this::child);
      return this;
    }

    public Builder clearChildren() {
      children = null;
      return this;
    }

    public Builder text(CharSequence s) {
      if (text == null) {
        text = new StringBuilder(s.length());
      }
      text.append(s);
      return this;
    }

    public Element build() {
      return new Element(this);
    }
  }
}
