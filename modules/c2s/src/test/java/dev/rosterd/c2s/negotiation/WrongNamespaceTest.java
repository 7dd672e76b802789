package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static dev.rosterd.testing.RawXmppClient.header;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stream header in the wrong namespace ends the stream with {@code <invalid-namespace/>}. */
class WrongNamespaceTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void wrongStreamNamespace() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send("<stream:stream xmlns='jabber:client' xmlns:stream='urn:example:wrong' to='" + DOMAIN + "' version='1.0'>");
      assertStreamError(c.awaitClose(), "invalid-namespace");
    }
  }

  @Test
  void serverToServerContentNamespace() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send(header(DOMAIN).replace("jabber:client", "jabber:server"));
      assertStreamError(c.awaitClose(), "invalid-namespace");
    }
  }
}
