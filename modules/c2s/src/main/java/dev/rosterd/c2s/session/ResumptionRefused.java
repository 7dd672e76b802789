package dev.rosterd.c2s.session;

/**
 * A {@code <resume/>} (XEP-0198 §5) that cannot be honoured; the stream answers {@code <failed/>}
 * with {@link #condition()} and may bind a fresh session.
 */
public final class ResumptionRefused extends RuntimeException {
  private final String condition;

  /** @param condition a stanza error condition: {@code item-not-found}, {@code unexpected-request}... */
  public ResumptionRefused(String condition, String message) {
    super(message, null, false, false);
    this.condition = condition;
  }

  public String condition() {
    return condition;
  }
}
