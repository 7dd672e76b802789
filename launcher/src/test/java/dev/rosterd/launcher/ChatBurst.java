package dev.rosterd.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.testing.XmppClients;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.sm.predicates.Predicate;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A sender with stream management (XEP-0198) on: on its own thread it writes chats with unique
 * bodies to its contacts in turn, asking for an ack ({@code <r/>}) after each, until its connection
 * dies or it has sent {@code max}, with at most {@link #WINDOW} unacknowledged at a time. It records, by recipient, the bodies the server acknowledged
 * ({@code <a h=''/>}), which the server sends only once a chat was written to the recipient's stream
 * or committed to the store.
 */
final class ChatBurst {
  /**
   * Chats in flight at most, as a client that keeps its unacknowledged stanzas would: below
   * Smack's own queue of 500, whose writer, once full, waits for acks after the server is gone and
   * holds the connection's shutdown for its reply timeout.
   */
  static final int WINDOW = 200;

  private final XMPPTCPConnection connection;
  private final List<String> recipients;
  private final int max;
  private final CountDownLatch acks;
  private final Semaphore window = new Semaphore(WINDOW);
  private final AtomicInteger sent = new AtomicInteger();
  private final Map<String, Set<String>> acked = new ConcurrentHashMap<>();

  /**
   * Logs {@code user} in with stream management on; {@code acks} is counted down for each chat the
   * server acknowledges.
   */
  ChatBurst(int port, String user, List<String> recipients, int max, CountDownLatch acks) throws Exception {
    this.recipients = recipients;
    this.max = max;
    this.acks = acks;
    connection = new XMPPTCPConnection(XmppClients.config(FullStack.DOMAIN, port, user, user + "-pw", "SCRAM-SHA-1")
        .setResource("burst").build());
    connection.setUseStreamManagement(true);
    connection.setReplyTimeout(XmppClients.REPLY_TIMEOUT.toMillis());
    // <r/> after every message: each ack then tells exactly how far the server got.
    connection.addRequestAckPredicate(Predicate.forMessagesOrAfter5Stanzas());
    connection.addStanzaAcknowledgedListener(stanza -> {
      if (stanza instanceof Message m && m.getBody() != null) {
        acked.computeIfAbsent(m.getTo().getLocalpartOrNull().toString(), k -> ConcurrentHashMap.newKeySet())
            .add(m.getBody());
        this.acks.countDown();
        window.release();
      }
    });
    // Once the connection is gone the sender wakes up, and its next send fails.
    connection.addConnectionListener(new ConnectionListener() {
      @Override
      public void connectionClosedOnError(Exception e) {
        window.release(WINDOW);
      }

      @Override
      public void connectionClosed() {
        window.release(WINDOW);
      }
    });
    connection.connect().login();
    assertTrue(connection.isSmEnabled(), "stream management is enabled for " + user);
  }

  XMPPTCPConnection connection() {
    return connection;
  }

  /** Starts sending on a thread of its own. */
  void start() {
    Thread t = new Thread(this::send, "burst-" + connection.getUser());
    t.setDaemon(true);
    t.start();
  }

  /** How many chats were handed to the connection. */
  int sent() {
    return sent.get();
  }

  /** How many chats the server acknowledged so far, to anyone. */
  int ackedCount() {
    return acked.values().stream().mapToInt(Set::size).sum();
  }

  /** The bodies to {@code recipient} (a local part) that the server acknowledged so far. */
  Set<String> acked(String recipient) {
    return Set.copyOf(acked.getOrDefault(recipient, Set.of()));
  }

  /** The body of the {@code n}th chat: unique across senders, and it names both ends. */
  private String body(String recipient, int n) {
    return connection.getUser().getLocalpart() + " to " + recipient + " #" + n;
  }

  private void send() {
    try {
      for (int n = 0; n < max; n++) {
        window.acquire();
        String to = recipients.get(n % recipients.size());
        connection.sendStanza(MessageBuilder.buildMessage()
            .to(JidCreate.entityBareFrom(FullStack.jid(to)))
            .ofType(Message.Type.chat)
            .setBody(body(to, n))
            .build());
        sent.incrementAndGet();
      }
    } catch (NotConnectedException | InterruptedException e) {
      // The server was killed: the burst ends here.
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
