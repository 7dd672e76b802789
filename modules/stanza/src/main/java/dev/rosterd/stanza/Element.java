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
  private final String name;
  private final String namespace;
  private final Map<String, String> attributes;
  private final List<Element> children;
  private final String text;

  private Element(Builder b) {
    this.name = b.name;
    this.namespace = b.namespace;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.children = List.copyOf(b.children);
    this.text = b.text.toString();
  }

  public static Builder builder(String name, String namespace) {
    return new Builder(name, namespace);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, namespace);
    b.attributes.putAll(attributes);
    b.children.addAll(children);
    b.text.append(text);
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

  /** The attributes without namespace declarations, in document order. */
  public Map<String, String> attributes() {
    return attributes;
  }

  public String attribute(String name) {
    return attributes.get(name);
  }

  public Optional<String> optAttribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  public List<Element> children() {
    return children;
  }

  /** The first child with the given name and namespace. */
  public Optional<Element> child(String name, String namespace) {
    for (Element c : children) {
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
    StringBuilder out = new StringBuilder(64);
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Element e
        && name.equals(e.name)
        && namespace.equals(e.namespace)
        && attributes.equals(e.attributes)
        && children.equals(e.children)
        && text.equals(e.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespace, attributes, children, text);
  }

  private void write(StringBuilder out, String parentNamespace) {
    out.append('<').append(name);
    if (!namespace.equals(parentNamespace)) {
      out.append(" xmlns='");
      XmlEscape.attribute(namespace, out);
      out.append('\'');
    }
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      out.append(' ').append(a.getKey()).append("='");
      XmlEscape.attribute(a.getValue(), out);
      out.append('\'');
    }
    if (children.isEmpty() && text.isEmpty()) {
      out.append("/>");
      return;
    }
    out.append('>');
    XmlEscape.text(text, out);
    for (Element c : children) {
      c.write(out, namespace);
    }
    out.append("</").append(name).append('>');
  }

  /** Builds an {@link Element}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String namespace;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Element> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private Builder(String name, String namespace) {
      this.name = Objects.requireNonNull(name, "name");
      this.namespace = namespace == null ? "" : namespace;
    }

    /** Sets an attribute; a null value removes it. */
    public Builder attribute(String name, String value) {
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
      return this;
    }

    public Builder child(Element child) {
      children.add(Objects.requireNonNull(child));
      return this;
    }

    public Builder children(List<Element> more) {
      more.forEach(this::child);
      return this;
    }

    public Builder clearChildren() {
      children.clear();
      return this;
    }

    public Builder text(CharSequence s) {
      text.append(s);
      return this;
    }

    public Element build() {
      return new Element(this);
    }
  }
}
