package dev.rosterd.common.config;

/**
 * A config value that is missing, unknown or of the wrong form. The message is one line that names
 * the key by its full path (e.g. {@code c2s.port}) and the expected form, fit to print as it is.
 */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** The full dotted path of the offending key. */
  public String key() {
    return key;
  }
}
