package dev.rosterd.c2s.negotiation;

/**
 * The rules one listener's streams are negotiated under, from its config section.
 *
 * @param domain the served domain: the only {@code to} a stream header may name
 * @param requireEncryption SASL only once the stream is encrypted (RFC 6120 §5.3.1)
 * @param maxAuthAttempts failed SASL attempts before the stream ends with {@code <policy-violation/>}
 * @param authTimeoutSeconds time from connect to SASL success
 * @param idleTimeoutSeconds time a stream may send nothing
 * @param stanzasPerSecond the sustained rate at which a stream's first-level elements are read
 * @param stanzaBurst how many first-level elements may arrive at once before the rate applies
 */
public record StreamPolicy(
    String domain, boolean requireEncryption, int maxAuthAttempts, int authTimeoutSeconds, int idleTimeoutSeconds,
    int stanzasPerSecond, int stanzaBurst) {}
