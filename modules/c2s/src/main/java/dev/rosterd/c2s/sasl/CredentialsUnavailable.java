package dev.rosterd.c2s.sasl;

/** The auth piece did not answer (not deployed, failed, or its backend is down). */
public final class CredentialsUnavailable extends RuntimeException {
  public CredentialsUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
