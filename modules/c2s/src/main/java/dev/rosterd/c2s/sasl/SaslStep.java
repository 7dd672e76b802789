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

  /**
   * The answer while the username or the client's address is over its budget of failed attempts:
   * {@code <temporary-auth-failure/>} (RFC 6120 §6.5.11, "a temporary error condition ... try
   * again later"), because it is true, says nothing of the password (which was not checked), and
   * makes clients wait and retry rather than drop a saved password or ask the user for another,
   * as {@code <not-authorized/>} would; {@code <account-disabled/>} would claim the account exists
   * and is disabled for good. The text says why.
   */
  Failure THROTTLED = new Failure(TEMPORARY_AUTH_FAILURE, "too many failed attempts; try again later");

  /** The server needs another message: send {@code <challenge/>} with these bytes. */
  record Challenge(byte[] data) implements SaslStep {}

  /** Authenticated as {@code user}; {@code additionalData} goes in {@code <success/>} (may be empty). */
  record Success(EntityBareJid user, byte[] additionalData) implements SaslStep {}

  /**
   * Authentication failed with a condition of RFC 6120 §6.5, and optionally a human-readable
   * {@code <text/>} (null for none).
   */
  record Failure(String condition, String text) implements SaslStep {
    public Failure(String condition) {
      this(condition, null);
    }
  }
}
