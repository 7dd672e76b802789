package dev.rosterd.c2s.sm;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code id} of a resumable session (XEP-0198 §5): the session's event-bus address, so that a
 * stream on any node of the cluster knows where to ask, and a random secret only the session and
 * its client know, so that nobody resumes a session by guessing where it lives. The session checks
 * the whole id (and the user) itself.
 */
public final class ResumptionId {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private ResumptionId() {}

  /** A fresh id for the session at {@code address}. */
  public static String of(String address) {
    byte[] secret = new byte[18];
    RANDOM.nextBytes(secret);
    return ENCODER.encodeToString(address.getBytes(UTF_8)) + "." + HexFormat.of().formatHex(secret);
  }

  /** The session address {@code id} names, or empty when it is not an id of ours. */
  public static Optional<String> address(String id) {
    int dot = id == null ? -1 : id.indexOf('.');
    if (dot <= 0 || id.length() > 1024) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(DECODER.decode(id.substring(0, dot)), UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code presented} is {@code issued}, compared in constant time. */
  public static boolean same(String issued, String presented) {
    return issued != null && presented != null
        && MessageDigest.isEqual(issued.getBytes(UTF_8), presented.getBytes(UTF_8));
  }
}
