package dev.rosterd.c2s.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.Namespaces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmppStreamParserTest {
  private static final String HEADER =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
          + " xmlns:stream='http://etherx.jabber.org/streams' to='rosterd.test' version='1.0'"
          + " xml:lang='en'>";

  private final XmppStreamParser parser = new XmppStreamParser(1024, 1024, 8);

  private List<StreamEvent> feed(String s) {
    parser.feed(s.getBytes(UTF_8));
    List<StreamEvent> events = new ArrayList<>();
    for (StreamEvent e = parser.next(); e != null; e = parser.next()) {
      events.add(e);
    }
    return events;
  }

  private String condition(String input) {
    return assertThrows(StreamError.class, () -> feed(input)).condition();
  }

  @Test
  void readsTheHeaderAndStanzasSplitAnywhere() {
    String all = HEADER + " <message to='a@b' id='1'><body>h\u00e9 &amp; &lt;3</body></message>\n"
        + "<iq type='get'><query xmlns='jabber:iq:roster'/></iq></stream:stream>";
    byte[] bytes = all.getBytes(UTF_8);
    List<StreamEvent> events = new ArrayList<>();
    for (byte b : bytes) {
      parser.feed(new byte[] {b});
      for (StreamEvent e = parser.next(); e != null; e = parser.next()) {
        events.add(e);
      }
    }
    assertEquals(4, events.size());
    StreamHeader h = ((StreamEvent.Opened) events.get(0)).header();
    assertEquals(new StreamHeader("rosterd.test", null, "1.0", "en", Namespaces.CLIENT), h);
    Element message = ((StreamEvent.Stanza) events.get(1)).element();
    assertEquals("a@b", message.attribute("to"));
    assertEquals("h\u00e9 & <3", message.child("body", Namespaces.CLIENT).orElseThrow().text());
    Element iq = ((StreamEvent.Stanza) events.get(2)).element();
    assertEquals(Namespaces.ROSTER, iq.firstChild().orElseThrow().namespace());
    assertInstanceOf(StreamEvent.Closed.class, events.get(3));
  }

  @Test
  void waitsForTheRestOfAStanza() {
    assertEquals(1, feed(HEADER + "<presence><sta").size());
    assertNull(parser.next());
    assertEquals(1, feed("tus>away</status></presence>").size());
  }

  @Test
  void malformedXmlIsNotWellFormed() {
    feed(HEADER);
    assertEquals(StreamError.NOT_WELL_FORMED, condition("<message><body></message>"));
  }

  @Test
  void doctypeIsRestricted() {
    assertEquals(StreamError.RESTRICTED_XML, condition("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]>"));
  }

  @Test
  void commentsAndProcessingInstructionsAreRestricted() {
    feed(HEADER);
    assertEquals(StreamError.RESTRICTED_XML, condition("<message><!-- hi --></message>"));
    XmppStreamParser other = new XmppStreamParser(1024, 1024, 8);
    other.feed((HEADER + "<?php echo 1; ?>").getBytes(UTF_8));
    StreamError e = assertThrows(StreamError.class, () -> {
      while (other.next() != null) {
        // drain
      }
    });
    assertEquals(StreamError.RESTRICTED_XML, e.condition());
  }

  @Test
  void oversizedStanzaIsAPolicyViolation() {
    feed(HEADER);
    assertEquals(StreamError.POLICY_VIOLATION, condition("<message><body>" + "x".repeat(2000)));
  }

  @Test
  void stanzasUpToTheLimitPassEvenWhenManyArriveTogether() {
    feed(HEADER);
    String stanza = "<message><body>" + "x".repeat(900) + "</body></message>";
    assertEquals(5, feed(stanza.repeat(5)).size());
  }

  @Test
  void tooDeepIsAPolicyViolation() {
    feed(HEADER);
    assertEquals(StreamError.POLICY_VIOLATION, condition("<a><b><c><d><e><f><g><h><i>"));
  }

  @Test
  void wrongStreamNamespaceIsInvalidNamespace() {
    assertEquals(StreamError.INVALID_NAMESPACE,
        condition("<stream:stream xmlns:stream='urn:wrong' xmlns='jabber:client'>"));
  }

  @Test
  void anElementNamedLikeANamespaceDeclarationIsNotWellFormed() {
    // Found by StreamParserFuzzTest: Aalto throws a bare RuntimeException for it.
    assertEquals(StreamError.NOT_WELL_FORMED, condition("<xmlns:p='u'?>"));
  }

  @Test
  void bytesThatAreNotUtf8AreNotWellFormedEvenAfterStanzasInTheSameChunk() {
    feed(HEADER);
    byte[] ok = "<presence/>".getBytes(UTF_8);
    byte[] all = java.util.Arrays.copyOf(ok, ok.length + 2);
    all[ok.length] = (byte) 0xC0;
    all[ok.length + 1] = (byte) 0x80;
    parser.feed(all);
    assertInstanceOf(StreamEvent.Stanza.class, parser.next());
    assertEquals(StreamError.NOT_WELL_FORMED, assertThrows(StreamError.class, parser::next).condition());
  }

  @Test
  void aHeaderOverItsLimitFailsBeforeTheRestIsTaken() {
    XmppStreamParser small = new XmppStreamParser(512, 1024, 8);
    small.feed(("<stream:stream id='" + "x".repeat(4096)).getBytes(UTF_8));
    assertEquals(StreamError.POLICY_VIOLATION, assertThrows(StreamError.class, small::next).condition());
  }

  @Test
  void letsGoOfItsReaderBetweenStanzasOnlyAndReadsOnAsBefore() {
    String header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
        + " xmlns:ext='urn:example:ext' to='rosterd.test' version='1.0'>";
    feed(header);
    assertFalse(parser.holdsReader());
    assertEquals(0, feed("<message><ext:tag a='1'/><bo").size());
    assertTrue(parser.holdsReader(), "a stanza is half read");
    List<StreamEvent> events = feed("dy>hi</body></message>");
    assertFalse(parser.holdsReader());
    // A prefix and the default namespace declared on the header resolve after the release.
    Element message = ((StreamEvent.Stanza) events.get(0)).element();
    assertEquals("urn:example:ext", message.child("tag", "urn:example:ext").orElseThrow().namespace());
    assertEquals("hi", message.child("body", Namespaces.CLIENT).orElseThrow().text());
    feed(" ");
    assertFalse(parser.holdsReader(), "a whitespace keepalive is not kept");
    assertInstanceOf(StreamEvent.Closed.class, feed("</stream:stream>").get(0));
  }

  @Test
  void aClosingTagOtherThanTheHeadersIsNotWellFormedAfterARelease() {
    feed(HEADER + "<presence/>");
    assertFalse(parser.holdsReader());
    assertEquals(StreamError.NOT_WELL_FORMED, condition("</stream:other>"));
  }

  @Test
  void theStanzaLimitCountsFromTheStanzaAfterARelease() {
    feed(HEADER + "<presence/>\n");
    assertFalse(parser.holdsReader());
    String body = "x".repeat(1024 - "<message><body></body></message>".length());
    assertEquals(1, feed("<message><body>" + body + "</body></message>").size());
    assertEquals(StreamError.POLICY_VIOLATION, condition("<message><body>x" + body + "</body></message>"));
  }
}
