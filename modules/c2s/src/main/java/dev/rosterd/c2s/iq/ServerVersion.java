package dev.rosterd.c2s.iq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of rosterd this c2s is, from the build (the Maven project version, filtered into a resource). */
final class ServerVersion {
  static final String VERSION = read();

  private ServerVersion() {}

  private static String read() {
    try (InputStream in = ServerVersion.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
