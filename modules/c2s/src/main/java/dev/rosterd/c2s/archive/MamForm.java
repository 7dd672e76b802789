package dev.rosterd.c2s.archive;

import dev.rosterd.common.bus.ArchiveQuery;
import dev.rosterd.stanza.Element;
import java.util.Optional;

/** The XEP-0313 query form (XEP-0004) and the XEP-0059 set of a query, read into an {@link ArchiveQuery}. */
final class MamForm {
  private MamForm() {}

  /** The fields a client may fill (XEP-0313 §5.1), answering a query {@code get}. */
  static Element fields() {
    Element.Builder form = Element.builder("x", MamQuery.DATA_FORMS).attribute("type", "form")
        .child(field("FORM_TYPE", "hidden").child(Element.builder("value", MamQuery.DATA_FORMS)
            .text(MamQuery.NAMESPACE).build()).build());
    for (String var : new String[] {"with", "start", "end", "after-id", "before-id"}) {
      form.child(field(var, "text-single").build());
    }
    return Element.builder("query", MamQuery.NAMESPACE).child(form.build()).build();
  }

  static ArchiveQuery read(String owner, Element query) {
    Optional<Element> form = query.child("x", MamQuery.DATA_FORMS);
    Optional<Element> set = query.child("set", MamQuery.RSM);
    String after = set.flatMap(s -> s.child("after", MamQuery.RSM)).map(Element::text)
        .or(() -> value(form, "after-id")).orElse(null);
    String before = set.flatMap(s -> s.child("before", MamQuery.RSM)).map(Element::text)
        .or(() -> value(form, "before-id")).orElse(null);
    int max = set.flatMap(s -> s.child("max", MamQuery.RSM)).map(m -> parse(m.text())).orElse(0);
    return new ArchiveQuery(owner, value(form, "with").orElse(null), value(form, "start").orElse(null),
        value(form, "end").orElse(null), max, after, before);
  }

  private static Optional<String> value(Optional<Element> form, String var) {
    return form.flatMap(f -> f.children().stream()
            .filter(c -> c.is("field", MamQuery.DATA_FORMS) && var.equals(c.attribute("var")))
            .findFirst())
        .flatMap(f -> f.child("value", MamQuery.DATA_FORMS))
        .map(v -> v.text().trim())
        .filter(v -> !v.isEmpty());
  }

  /** A bad number reads as 0 (the default page); the archive clamps large ones. */
  private static int parse(String s) {
    try {
      return Math.max(0, Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Element.Builder field(String var, String type) {
    return Element.builder("field", MamQuery.DATA_FORMS).attribute("var", var).attribute("type", type);
  }
}
