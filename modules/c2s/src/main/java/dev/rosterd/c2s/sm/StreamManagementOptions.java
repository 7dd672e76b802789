package dev.rosterd.c2s.sm;

import dev.rosterd.common.config.ConfigReader;

/**
 * The {@code c2s.streamManagement} section of the config: XEP-0198 on every transport.
 *
 * <pre>{@code
 * "streamManagement": {"resumeSeconds": 300, "requestAckEvery": 5, "requestAckSeconds": 30, "maxUnacked": 5000}
 * }</pre>
 *
 * @param resumeSeconds {@code resumeSeconds}: how long a session whose connection dropped waits to
 *     be resumed (announced as {@code max} in {@code <enabled/>}); its user stays available and
 *     stanzas for it are kept meanwhile. 0 turns resumption off (acknowledgements still work).
 *     Default {@value #DEFAULT_RESUME_SECONDS}.
 * @param requestAckEvery {@code requestAckEvery}: the server asks for an acknowledgement ({@code
 *     <r/>}) once this many stanzas were sent since the last one it asked for. Default {@value
 *     #DEFAULT_REQUEST_ACK_EVERY}.
 * @param requestAckSeconds {@code requestAckSeconds}: and at the latest this long after a stanza
 *     went unacknowledged. Default {@value #DEFAULT_REQUEST_ACK_SECONDS}.
 * @param maxUnacked {@code maxUnacked}: the most stanzas kept for a client that has not
 *     acknowledged them (connected, or waiting to be resumed); past it the session ends with
 *     {@code <resource-constraint/>} and what was kept is redelivered or queued offline, so a
 *     client that never acknowledges cannot grow the heap. Default {@value #DEFAULT_MAX_UNACKED}.
 */
public record StreamManagementOptions(int resumeSeconds, int requestAckEvery, int requestAckSeconds, int maxUnacked) {
  public static final int DEFAULT_RESUME_SECONDS = 300;
  public static final int DEFAULT_REQUEST_ACK_EVERY = 5;
  public static final int DEFAULT_REQUEST_ACK_SECONDS = 30;
  public static final int DEFAULT_MAX_UNACKED = 5000;

  /** The defaults, for a session layer started without config (tests). */
  public static StreamManagementOptions defaults() {
    return new StreamManagementOptions(
        DEFAULT_RESUME_SECONDS, DEFAULT_REQUEST_ACK_EVERY, DEFAULT_REQUEST_ACK_SECONDS, DEFAULT_MAX_UNACKED);
  }

  /** Reads the section; a bad value fails naming its key, as does a key that is not one of these. */
  public static StreamManagementOptions read(ConfigReader r) {
    StreamManagementOptions options = new StreamManagementOptions(
        r.integer("resumeSeconds", DEFAULT_RESUME_SECONDS, 0, 86_400),
        r.integer("requestAckEvery", DEFAULT_REQUEST_ACK_EVERY, 1, 100_000),
        r.integer("requestAckSeconds", DEFAULT_REQUEST_ACK_SECONDS, 1, 3600),
        r.integer("maxUnacked", DEFAULT_MAX_UNACKED, 10, 1_000_000));
    r.rejectUnknownKeys();
    return options;
  }

  /** Whether a client may ask for a resumable session. */
  public boolean resumption() {
    return resumeSeconds > 0;
  }
}
