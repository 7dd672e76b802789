package dev.rosterd.c2s.stream;

/**
 * Checks that a client's bytes are well-formed UTF-8 (RFC 3629, the Unicode standard's table of
 * well-formed byte sequences), across chunk boundaries. Aalto's non-blocking parser decodes
 * overlong forms ({@code C0 80} as U+0000, {@code E0 80 AF} as {@code /}) and sequences above
 * U+10FFFF without complaint, so that a NUL or a forged delimiter could pass its character checks;
 * XML 1.0 §4.3.3 makes any byte sequence not valid in the encoding a fatal error. Checking here,
 * before the bytes reach the parser, leaves the character checks (XML 1.0 {@code Char}: no C0
 * controls but tab, CR and LF, no surrogates, no U+FFFE/U+FFFF) to Aalto, which does them on
 * correctly decoded characters in text, attribute values, names and character references.
 *
 * <p>One instance per stream; not thread-safe.
 */
final class StrictUtf8 {
  /** Continuation bytes still expected for the sequence in progress. */
  private int pending;
  /** The range the next continuation byte must fall in (narrower after E0, ED, F0, F4). */
  private int low = 0x80;
  private int high = 0xBF;

  /**
   * The offset of the first byte in {@code bytes[from, to)} that cannot continue a well-formed
   * UTF-8 text, or -1 when every byte can.
   */
  int firstInvalid(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!accept(bytes[i] & 0xFF)) {
        return i;
      }
    }
    return -1;
  }

  private boolean accept(int b) {
    if (pending > 0) {
      if (b < low || b > high) {
        return false;
      }
      pending--;
      low = 0x80;
      high = 0xBF;
      return true;
    }
    if (b < 0x80) {
      return true;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      return expect(1, 0x80, 0xBF);
    }
    if (b >= 0xE0 && b <= 0xEF) {
      // E0: no overlong three-byte forms; ED: no UTF-16 surrogates.
      return expect(2, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF);
    }
    if (b >= 0xF0 && b <= 0xF4) {
      // F0: no overlong four-byte forms; F4: nothing above U+10FFFF.
      return expect(3, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF);
    }
    // 80-BF without a lead byte, C0/C1 (overlong two-byte forms), F5-FF (never in UTF-8).
    return false;
  }

  private boolean expect(int continuations, int firstLow, int firstHigh) {
    pending = continuations;
    low = firstLow;
    high = firstHigh;
    return true;
  }
}
