package dev.rosterd.cache;

/** A failure to answer on the event bus with one of the codes of {@code BusFailure}. */
final class CacheFailure extends RuntimeException {
  private final int code;

  CacheFailure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
