package dev.rosterd.c2s.sasl;

import org.jxmpp.jid.EntityBareJid;

/** What a SASL mechanism says after the client's latest message (RFC 6120 §6.4). */
public sealed interface SaslStep {
  /** RFC 6120 §6.5.1: the client aborted. */
  String ABORTED = "aborted";
  /** RFC 6120 §6.5.3: the mechanism needs TLS first. */
  String ENCRYPTION_REQUIRED = "encryption-required";
  /** RFC 6120 §6.5.2: the data was not valid base64. */
  String INCORRECT_ENCODING = "incorrect-encoding";
  /** RFC 6120 §6.5.6: the authorization identity is not the user's own. */
  String INVALID_AUTHZID = "invalid-authzid";
  /** RFC 6120 §6.5.5: the mechanism is not offered. */
  String INVALID_MECHANISM = "invalid-mechanism";
  /** RFC 6120 §6.5.6: the request is malformed for the mechanism. */
  String MALFORMED_REQUEST = "malformed-request";
  /** RFC 6120 §6.5.10: wrong credentials (or an unknown user; the two are not told apart). */
  String NOT_AUTHORIZED = "not-authorized";
  /** RFC 6120 §6.5.11: the credential store cannot be asked right now. */
  String TEMPORARY_AUTH_FAILURE = "temporary-auth-failure";

  /** The server needs another message: send {@code <challenge/>} with these bytes. */
  record Challenge(byte[] data) implements SaslStep {}

  /** Authenticated as {@code user}; {@code additionalData} goes in {@code <success/>} (may be empty). */
  record Success(EntityBareJid user, byte[] additionalData) implements SaslStep {}

  /** Authentication failed with a condition of RFC 6120 §6.5. */
  record Failure(String condition) implements SaslStep {}
}
