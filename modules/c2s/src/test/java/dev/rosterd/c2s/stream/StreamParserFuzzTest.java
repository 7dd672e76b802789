package dev.rosterd.c2s.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rosterd.stanza.Element;
import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever bytes a client sends, the parser answers with events or a {@link StreamError}, never
 * with another exception, and no stanza it lets through carries a character XML 1.0 forbids. The
 * inputs are random bytes and valid streams broken on purpose: cut short, with bytes replaced or
 * inserted, with invalid UTF-8, control characters, character references, deep nesting, huge
 * attributes and DTDs spliced in, fed in chunks of every size.
 */
class StreamParserFuzzTest {
  static final String VALID = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
      + " xmlns:stream='http://etherx.jabber.org/streams' to='rosterd.test' version='1.0'>"
      + "<message to='bob@rosterd.test' id='m1'><body>h\u00e9 &amp; \uD83D\uDE00</body></message> "
      + "<iq type='get' id='i1'><query xmlns='jabber:iq:roster'/></iq>"
      + "<presence><status>away</status></presence></stream:stream>";

  static final List<String> SPLICES = List.of(
      "\u0000", "\u0001", "\u001B", "\uFFFE", "\uFFFF", "&#0;", "&#x1;", "&#xFFFE;", "&#xD800;", "&#x110000;",
      "&foo;", "&amp", "<!DOCTYPE s [<!ENTITY x 'y'>]>", "<!ENTITY a 'b'>", "<!-- c -->", "<?pi x?>",
      "<![CDATA[x]]>", "]]>", "<a>".repeat(40), "</a>", "'", "\"", "<", ">", "&", "=", ":", "xmlns:p='u'",
      " x='" + "v".repeat(2000) + "'", "</stream:stream>", "<stream:stream>", "<?xml version='1.0'?>");

  static final List<byte[]> RAW_SPLICES = List.of(
      new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
      new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3},
      new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98});

  @Property(tries = 10_000)
  void onlyStreamErrorsAndOnlyXmlCharacters(@ForAll("clientBytes") byte[] input, @ForAll @IntRange(min = 1, max = 97) int chunk) {
    XmppStreamParser parser = new XmppStreamParser(512, 1024, 8);
    try {
      for (int at = 0; at < input.length; at += chunk) {
        byte[] part = new byte[Math.min(chunk, input.length - at)];
        System.arraycopy(input, at, part, 0, part.length);
        parser.feed(part);
        for (StreamEvent e = parser.next(); e != null; e = parser.next()) {
          if (e instanceof StreamEvent.Stanza s) {
            assertXmlCharacters(s.element());
          }
        }
      }
    } catch (StreamError expected) {
      if (parser.next() != null) {
        throw new AssertionError("the parser went on after " + expected);
      }
    }
  }

  @Provide
  Arbitrary<byte[]> clientBytes() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> prefixedRandom = random.map(r -> concat(VALID.substring(0, 150).getBytes(UTF_8), r));
    Arbitrary<byte[]> splice = Arbitraries.oneOf(Arbitraries.of(SPLICES).map(s -> s.getBytes(UTF_8)), Arbitraries.of(RAW_SPLICES));
    byte[] valid = VALID.getBytes(UTF_8);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, valid.length);
    Arbitrary<byte[]> spliced = Combinators.combine(at, splice, Arbitraries.integers().between(0, 3))
        .as((i, s, removed) -> concat(slice(valid, 0, i), s, slice(valid, Math.min(valid.length, i + removed), valid.length)));
    Arbitrary<byte[]> truncated = at.map(i -> slice(valid, 0, i));
    Arbitrary<byte[]> flipped = Combinators.combine(at, Arbitraries.bytes())
        .as((i, b) -> {
          byte[] copy = valid.clone();
          copy[Math.min(i, copy.length - 1)] = b;
          return copy;
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, random), net.jqwik.api.Tuple.of(2, prefixedRandom),
        net.jqwik.api.Tuple.of(4, spliced), net.jqwik.api.Tuple.of(1, truncated), net.jqwik.api.Tuple.of(2, flipped));
  }

  /** XML 1.0 Char: what the server may pass on to another client. */
  private static void assertXmlCharacters(Element e) {
    check(e.name());
    e.attributes().forEach((k, v) -> {
      check(k);
      check(v);
    });
    check(e.text());
    e.children().forEach(StreamParserFuzzTest::assertXmlCharacters);
  }

  private static void check(String s) {
    s.codePoints().forEach(c -> {
      boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok) {
        throw new AssertionError("the parser let U+" + Integer.toHexString(c) + " through in " + s);
      }
    });
  }

  private static byte[] slice(byte[] b, int from, int to) {
    byte[] out = new byte[to - from];
    System.arraycopy(b, from, out, 0, out.length);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
