package dev.rosterd.c2s.negotiation;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;
import static dev.rosterd.c2s.C2sTestServer.assertStreamError;
import static dev.rosterd.testing.RawXmppClient.header;

import dev.rosterd.c2s.C2sTestServer;
import dev.rosterd.c2s.RunningC2s;
import dev.rosterd.testing.RawXmppClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 6120 §11.1: DTDs, comments and processing instructions end the stream with {@code <restricted-xml/>}. */
class RestrictedXmlTest {
  @RegisterExtension
  final RunningC2s server = RunningC2s.defaults();

  @Test
  void doctypeWithEntities() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.send("<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY lol 'lol'>]>" + header(DOMAIN).substring(21));
      assertStreamError(c.awaitClose(), "restricted-xml");
    }
  }

  @Test
  void comment() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<!-- hello -->");
      assertStreamError(c.awaitClose(), "restricted-xml");
    }
  }

  @Test
  void processingInstruction() throws Exception {
    try (RawXmppClient c = RawXmppClient.connect(server.port())) {
      c.openStream(DOMAIN);
      c.send("<message><?target data?></message>");
      assertStreamError(c.awaitClose(), "restricted-xml");
    }
  }
}
