package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Malformed XML ends the stream with {@code <not-well-formed/>}. */
class NotWellFormedTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void mismatchedTags() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<message><body>hi</message>");
      assertStreamError(c.awaitClose(), "not-well-formed");
    }
  }

  @Test
  void garbageInsteadOfAHeader() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send("GET / HTTP/1.1\r\n\r\n");
      String received = c.awaitClose();
      assertTrue(received.startsWith("<?xml version='1.0'?><stream:stream "), received);
      assertStreamError(received, "not-well-formed");
    }
  }
}
