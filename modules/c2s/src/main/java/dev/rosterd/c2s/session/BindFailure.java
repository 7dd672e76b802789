package dev.rosterd.c2s.session;

import dev.rosterd.stanza.StanzaError;

/**
 * Why a resource could not be bound: an RFC 6120 §7.6.2 stanza error condition for the bind iq's
 * error reply (e.g. {@code bad-request} for a resource that fails PRECIS, {@code
 * internal-server-error} when shared data cannot be written).
 */
public final class BindFailure extends RuntimeException {
  private final String condition;
  private final StanzaError.Type errorType;

  public BindFailure(StanzaError.Type errorType, String condition, String message) {
    super(message);
    this.errorType = errorType;
    this.condition = condition;
  }

  /** The defined condition, e.g. {@code bad-request}. */
  public String condition() {
    return condition;
  }

  /** The error type, e.g. {@code MODIFY}. */
  public StanzaError.Type errorType() {
    return errorType;
  }
}
