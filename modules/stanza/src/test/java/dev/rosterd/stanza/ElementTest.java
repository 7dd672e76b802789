package dev.rosterd.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ElementTest {
  @Test
  void writesNamespacesOnlyWhereTheyChange() {
    Element iq =
        Element.builder("iq", Namespaces.CLIENT)
            .attribute("type", "result")
            .attribute("id", "r1")
            .child(
                Element.builder("query", Namespaces.ROSTER)
                    .child(Element.builder("item", Namespaces.ROSTER).attribute("jid", "a@b").build())
                    .build())
            .build();
    assertEquals(
        "<iq type='result' id='r1'><query xmlns='jabber:iq:roster'><item jid='a@b'/></query></iq>",
        iq.toXml());
  }

  @Test
  void escapesTextAndAttributes() {
    Element m =
        Element.builder("body", Namespaces.CLIENT)
            .attribute("x", "it's <\"&\">")
            .text("a < b & c > d")
            .build();
    assertEquals(
        "<body x='it&apos;s &lt;&quot;&amp;&quot;&gt;'>a &lt; b &amp; c &gt; d</body>", m.toXml());
  }

  @Test
  void errorReplySwapsAddressesAndKeepsTheId() {
    Element msg =
        Element.builder("message", Namespaces.CLIENT)
            .attribute("from", "a@x/r")
            .attribute("to", "b@x")
            .attribute("id", "m1")
            .build();
    Element err = StanzaError.reply(msg, StanzaError.Type.CANCEL, "service-unavailable");
    assertEquals(
        "<message from='b@x' to='a@x/r' id='m1' type='error'><error type='cancel'>"
            + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>",
        err.toXml());
  }
}
