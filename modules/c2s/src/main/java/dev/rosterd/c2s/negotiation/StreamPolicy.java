package dev.rosterd.c2s.negotiation;

/**
 * The rules one listener's streams are negotiated under, from its config section.
 *
 * @param domain the served domain: the only {@code to} a stream header may name
 * @param requireEncryption SASL only once the stream is encrypted (RFC 6120 §5.3.1)
 * @param maxAuthAttempts failed SASL attempts before the stream ends with {@code <policy-violation/>}
 * @param authTimeoutSeconds time from connect to SASL success
 * @param idleTimeoutSeconds time a stream may send nothing
 */
public record StreamPolicy(
    String domain, boolean requireEncryption, int maxAuthAttempts, int authTimeoutSeconds, int idleTimeoutSeconds) {}
