package dev.rosterd.c2s.stream;

import dev.rosterd.stanza.Element;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes a client sends, the parser answers with events or a {@link StreamError}, never
 * with another exception, and no stanza it lets through carries a character XML 1.0 forbids, for
 * {@value #TRIES} inputs of {@link FuzzInputs}, each fed in chunks of a random size.
 */
class StreamParserFuzzTest {
  private static final int TRIES = 10_000;

  @Test
  void onlyStreamErrorsAndOnlyXmlCharacters() {
    FuzzInputs inputs = new FuzzInputs();
    for (int i = 0; i < TRIES; i++) {
      byte[] input = inputs.next();
      try {
        parse(input, inputs.chunk());
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("input " + i + " of seed " + FuzzInputs.seed() + ": "
            + HexFormat.of().formatHex(input), e);
      }
    }
  }

  private static void parse(byte[] input, int chunk) {
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
}
