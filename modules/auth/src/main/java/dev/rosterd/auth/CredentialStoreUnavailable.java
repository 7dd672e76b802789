package dev.rosterd.auth;

/** The credential store could not be asked (the web application is down or slow). */
final class CredentialStoreUnavailable extends RuntimeException {
  CredentialStoreUnavailable(String message) {
    super(message);
  }
}
