package dev.rosterd.c2s.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

/**
 * What a hostile or broken client may send, generated from a seed so that a failing input can be
 * made again: random bytes, and a valid stream broken on purpose (cut short, a byte replaced,
 * invalid UTF-8, control characters, character references, deep nesting, huge attributes and DTDs
 * spliced in). The seed is {@value #DEFAULT_SEED} unless {@code -Drosterd.fuzz.seed} says another,
 * for runs that explore further.
 */
final class FuzzInputs {
  static final long DEFAULT_SEED = 6120L;

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
      new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xFE, (byte) 0xFF},
      new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
      new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98});

  private static final byte[] VALID_BYTES = VALID.getBytes(UTF_8);

  private final Random random;

  FuzzInputs() {
    this.random = new Random(Long.getLong("rosterd.fuzz.seed", DEFAULT_SEED));
  }

  /** The seed in use, for a failure message. */
  static long seed() {
    return Long.getLong("rosterd.fuzz.seed", DEFAULT_SEED);
  }

  /** The next input, of one of the kinds above, in the proportions 2:2:4:1:2. */
  byte[] next() {
    int kind = random.nextInt(11);
    if (kind < 2) {
      return randomBytes();
    }
    if (kind < 4) {
      return concat(slice(VALID_BYTES, 0, 150), randomBytes());
    }
    if (kind < 8) {
      int at = random.nextInt(VALID_BYTES.length + 1);
      int removed = random.nextInt(4);
      return concat(slice(VALID_BYTES, 0, at), splice(),
          slice(VALID_BYTES, Math.min(VALID_BYTES.length, at + removed), VALID_BYTES.length));
    }
    if (kind < 9) {
      return slice(VALID_BYTES, 0, random.nextInt(VALID_BYTES.length + 1));
    }
    byte[] copy = VALID_BYTES.clone();
    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    return copy;
  }

  /** A chunk size from 1 to 97, how the input is split across reads. */
  int chunk() {
    return 1 + random.nextInt(97);
  }

  private byte[] randomBytes() {
    byte[] b = new byte[random.nextInt(301)];
    random.nextBytes(b);
    return b;
  }

  private byte[] splice() {
    return random.nextBoolean()
        ? SPLICES.get(random.nextInt(SPLICES.size())).getBytes(UTF_8)
        : RAW_SPLICES.get(random.nextInt(RAW_SPLICES.size()));
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
