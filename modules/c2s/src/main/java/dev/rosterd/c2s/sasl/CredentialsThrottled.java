package dev.rosterd.c2s.sasl;

/**
 * The auth piece refused to look at the credentials: the username or the client's address failed
 * too often lately ({@code BusFailure.THROTTLED}).
 */
public final class CredentialsThrottled extends RuntimeException {
  public CredentialsThrottled(String message, Throwable cause) {
    super(message, cause);
  }
}
