package dev.rosterd.stanza;

/** The XML namespaces rosterd speaks, named as the RFCs and XEPs name them. */
public final class Namespaces {
  private Namespaces() {}

  public static final String CLIENT = "jabber:client";
  public static final String STREAM = "http://etherx.jabber.org/streams";
  public static final String STREAMS_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
  public static final String STANZAS_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
  public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
  public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
  public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
  public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
  public static final String ROSTER = "jabber:iq:roster";
  public static final String ROSTER_VERSIONING = "urn:xmpp:features:rosterver";
  public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
  public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
  public static final String PING = "urn:xmpp:ping";
  public static final String DELAY = "urn:xmpp:delay";
  /** XEP-0280 message carbons, version 2. */
  public static final String CARBONS = "urn:xmpp:carbons:2";
  /** XEP-0297 stanza forwarding. */
  public static final String FORWARD = "urn:xmpp:forward:0";
  /** XEP-0334 message processing hints ({@code <no-copy/>}). */
  public static final String HINTS = "urn:xmpp:hints";
  /** XEP-0085 chat state notifications. */
  public static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
  /** XEP-0184 message delivery receipts. */
  public static final String RECEIPTS = "urn:xmpp:receipts";
  /** XEP-0333 chat markers. */
  public static final String CHAT_MARKERS = "urn:xmpp:chat-markers:0";
  /** XEP-0352 client state indication. */
  public static final String CSI = "urn:xmpp:csi:0";
  /** XEP-0092 software version. */
  public static final String VERSION = "jabber:iq:version";
  /** XEP-0012 last activity. */
  public static final String LAST = "jabber:iq:last";
  /** XEP-0191 blocking command. */
  public static final String BLOCKING = "urn:xmpp:blocking";
  /** XEP-0198 stream management, version 3. */
  public static final String SM = "urn:xmpp:sm:3";
}
