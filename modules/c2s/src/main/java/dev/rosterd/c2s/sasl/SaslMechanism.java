package dev.rosterd.c2s.sasl;

import io.vertx.core.Future;

/** One server-side SASL exchange; a new instance per {@code <auth/>}. */
public interface SaslMechanism {
  /**
   * Takes the client's next message: first the initial response of {@code <auth/>} (null when
   * the client sent none), then each {@code <response/>}.
   */
  Future<SaslStep> evaluate(byte[] response);
}
