package dev.rosterd.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * A raw-socket XMPP client for tests that need to send what no real client would: malformed XML,
 * DOCTYPEs, wrong namespaces, out-of-order negotiation. It writes strings as given and reads what
 * the server sends, expect-style: {@link #expect} waits until a substring arrives and moves past
 * it, {@link #awaitClose} waits for the server to close the connection.
 *
 * <p>Blocking, single-threaded (reads happen only inside the wait calls, so {@link #startTls} can
 * take over the socket); use it from the test thread, never from a Vert.x event loop.
 */
public final class RawXmppClient implements AutoCloseable {
  /** How long every wait lasts before the test fails. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String host;
  private final int port;
  private Socket socket;
  /** The TCP socket itself, under {@link #socket} once TLS is in place. */
  private Socket tcp;
  private InputStream in;
  private OutputStream out;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private int consumed;
  private boolean closedByServer;

  private RawXmppClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Connects to 127.0.0.1:{@code port}. */
  public static RawXmppClient connect(int port) throws IOException {
    return connect(port, 0);
  }

  /**
   * Connects to 127.0.0.1:{@code port} with a receive buffer of {@code receiveBufferBytes} (0: the
   * system's), so that a client that stops reading fills the server's side soon.
   */
  public static RawXmppClient connect(int port, int receiveBufferBytes) throws IOException {
    RawXmppClient c = new RawXmppClient("127.0.0.1", port);
    Socket s = new Socket();
    if (receiveBufferBytes > 0) {
      s.setReceiveBufferSize(receiveBufferBytes);
    }
    s.connect(new InetSocketAddress(c.host, port), (int) TIMEOUT.toMillis());
    c.use(s);
    return c;
  }

  /** Connects to 127.0.0.1:{@code port} with TLS from the first byte (XEP-0368), trusting only {@link TestTls}. */
  public static RawXmppClient connectTls(int port) throws IOException {
    RawXmppClient c = connect(port);
    SSLSocket tls = (SSLSocket) TestTls.clientContext().getSocketFactory()
        .createSocket(c.socket, c.host, port, true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    c.use(tls);
    return c;
  }

  /** The opening stream header a client sends, {@code to} the given domain. */
  public static String header(String domain) {
    return "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
        + " xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "' version='1.0'>";
  }

  /** Sends a string as UTF-8, as it is. */
  public RawXmppClient send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.UTF_8));
    out.flush();
    return this;
  }

  /**
   * Sends bytes as they are, for input no string can carry: invalid UTF-8, overlong forms, bytes
   * of another encoding.
   */
  public RawXmppClient sendBytes(byte[] raw) throws IOException {
    out.write(raw);
    out.flush();
    return this;
  }

  /**
   * Sends {@code total} bytes of {@code filler} (repeated) in chunks, as an attacker streaming a
   * huge value would, and stops early when the server closes the connection; returns how many
   * bytes were written before it did (all of them if it never did).
   */
  public long sendFlood(byte filler, long total) {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, filler);
    long written = 0;
    try {
      while (written < total) {
        int n = (int) Math.min(chunk.length, total - written);
        out.write(chunk, 0, n);
        written += n;
      }
      out.flush();
    } catch (IOException e) {
      // The server closed the connection: what it sent before is still readable.
    }
    return written;
  }

  /** Opens a stream to {@code domain} and returns everything up to the end of its features. */
  public String openStream(String domain) throws IOException {
    send(header(domain));
    return expect("</stream:features>");
  }

  /**
   * Opens a stream, STARTTLS, SASL PLAIN as {@code user} and the stream restart after success;
   * returns the features of the authenticated stream.
   */
  public String authenticate(String domain, String user, String password) throws IOException {
    openStream(domain);
    startTls();
    openStream(domain);
    send(plainAuth(user, password));
    expect("<success");
    return openStream(domain);
  }

  /** Binds {@code resource} (RFC 6120 §7) on an authenticated stream; returns the bind result. */
  public String bind(String resource) throws IOException {
    send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
        + resource + "</resource></bind></iq>");
    return expect("</iq>");
  }

  /** The {@code <auth/>} element for SASL PLAIN with these credentials. */
  public static String plainAuth(String user, String password) {
    String response = java.util.Base64.getEncoder().encodeToString(
        ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    return "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + response + "</auth>";
  }

  /**
   * STARTTLS (RFC 6120 §5): asks, waits for {@code <proceed/>}, then does the TLS handshake
   * trusting only {@link TestTls}. The caller opens the new stream.
   */
  public RawXmppClient startTls() throws IOException {
    return startTlsAppending("");
  }

  /**
   * {@link #startTls} with {@code appended} sent in plain text in the same write as {@code
   * <starttls/>}: what a man in the middle would slip in for the server to read as part of the
   * encrypted stream (RFC 6120 §5.4.3.3).
   */
  public RawXmppClient startTlsAppending(String appended) throws IOException {
    send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>" + appended);
    expect("<proceed");
    expect("/>");
    SSLSocket tls = (SSLSocket) TestTls.clientContext().getSocketFactory()
        .createSocket(socket, host, port, true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    use(tls);
    return this;
  }

  /**
   * Waits until the server has sent {@code substring} after what earlier calls consumed, and
   * returns the text from there up to and including it.
   *
   * @throws AssertionError when it does not arrive in time or the server closes first
   */
  public String expect(String substring) throws IOException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      String text = text();
      int at = text.indexOf(substring, consumed);
      if (at >= 0) {
        String part = text.substring(consumed, at + substring.length());
        consumed = at + substring.length();
        return part;
      }
      if (closedByServer || !readSome(deadline)) {
        throw new AssertionError("expected \"" + substring + "\" but the server "
            + (closedByServer ? "closed the connection" : "sent nothing more in " + TIMEOUT)
            + "; received: " + text.substring(consumed));
      }
    }
  }

  /** Waits until the server closes the connection; returns what it sent that was not yet consumed. */
  public String awaitClose() throws IOException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!closedByServer) {
      if (!readSome(deadline)) {
        throw new AssertionError("the server did not close the connection in " + TIMEOUT
            + "; received: " + text().substring(consumed));
      }
    }
    String rest = text().substring(consumed);
    consumed = text().length();
    return rest;
  }

  /** Everything received so far. */
  public String text() {
    return received.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /**
   * Closes the TCP connection under any TLS at once. Unlike {@link #close}, which sends TLS's
   * close_notify and so waits for a write another thread has blocked on a full socket, this never
   * waits: that write fails instead.
   */
  public void abort() throws IOException {
    tcp.close();
  }

  private void use(Socket s) throws IOException {
    if (tcp == null) {
      tcp = s;
    }
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
  }

  /** Reads what is available; false when the deadline passed first. */
  private boolean readSome(long deadline) throws IOException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      return false;
    }
    socket.setSoTimeout((int) left);
    byte[] buf = new byte[8192];
    try {
      int n = in.read(buf);
      if (n < 0) {
        closedByServer = true;
      } else {
        received.write(buf, 0, n);
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      // A reset after the server closed its side counts as closed.
      closedByServer = true;
      return true;
    }
  }
}
