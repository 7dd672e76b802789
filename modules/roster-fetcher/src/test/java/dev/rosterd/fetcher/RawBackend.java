package dev.rosterd.fetcher;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A web application that misbehaves byte by byte: a plain TCP server on 127.0.0.1 that speaks just
 * enough HTTP/1.1 (request heads, keep-alive) to answer {@code GET /roster/<user>} the way a test
 * chose for that user, e.g. a body dripped a byte at a time or one that never ends. Each connection
 * counts the bytes the kernel accepted from it and tells when the other side closed it, which is
 * how a test sees whether rosterd stopped reading.
 */
final class RawBackend {
  private static final String JSON_HEAD = "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n";

  private final Vertx vertx;
  private final NetServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, List<Promise<Connection>>> waiters = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final List<String> heads = new CopyOnWriteArrayList<>();

  /** How to answer one request, on the connection that carried it. */
  interface Answer {
    void write(Connection c);
  }

  private RawBackend(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createNetServer();
  }

  static RawBackend start(Vertx vertx) {
    RawBackend b = new RawBackend(vertx);
    b.server.connectHandler(b::accept);
    FetcherHarness.await(b.server.listen(0, "127.0.0.1"));
    return b;
  }

  int port() {
    return server.actualPort();
  }

  String rosterUrl() {
    return "http://127.0.0.1:" + port() + "/roster/%s";
  }

  /** Answers {@code user}'s requests so from now on; users never set get an empty roster. */
  RawBackend answer(String user, Answer answer) {
    answers.put(user, answer);
    return this;
  }

  /** Completes with the connection that carries {@code user}'s next request. */
  Future<Connection> nextRequestOf(String user) {
    Promise<Connection> p = Promise.promise();
    waiters.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(p);
    return p.future();
  }

  /** Every request head received (request line and header lines), in order of arrival. */
  List<String> heads() {
    return new ArrayList<>(heads);
  }

  /** How many requests of {@code user} arrived. */
  int requestsOf(String user) {
    AtomicInteger n = requests.get(user);
    return n == null ? 0 : n.get();
  }

  /** 200 with this JSON body, keeping the connection for the next request. */
  static Answer roster(String json) {
    return c -> {
      Buffer body = Buffer.buffer(json);
      c.write(head(200) + "Content-Length: " + body.length() + "\r\n\r\n");
      c.write(body);
    };
  }

  /** A redirect to {@code location}, with an empty body. */
  static Answer redirect(int status, String location) {
    return c -> {
      c.write("HTTP/1.1 " + status + " Moved\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
    };
  }

  /** 200 announcing a body it sends one space every {@code everyMs}, never finishing it. */
  static Answer drip(long everyMs) {
    return c -> {
      c.write(head(200) + "Content-Length: 1000000\r\n\r\n");
      c.backend().vertx.setPeriodic(everyMs, id -> {
        if (c.isClosed()) {
          c.backend().vertx.cancelTimer(id);
        } else {
          c.write(" ");
        }
      });
    };
  }

  /** {@code status} with a chunked body that never ends, written as fast as the socket takes it. */
  static Answer endless(int status) {
    return c -> {
      c.write(head(status) + "Transfer-Encoding: chunked\r\n\r\n");
      Buffer chunk = Buffer.buffer("10000\r\n").appendBuffer(spaces(0x10000)).appendString("\r\n");
      c.pump(chunk, Long.MAX_VALUE);
    };
  }

  /** 200 with a body of {@code bytes} spaces, announced by Content-Length. */
  static Answer sized(long bytes) {
    return c -> {
      c.write(head(200) + "Content-Length: " + bytes + "\r\n\r\n");
      c.pump(spaces(0x10000), bytes);
    };
  }

  private static String head(int status) {
    return String.format(JSON_HEAD, status);
  }

  private static Buffer spaces(int n) {
    return Buffer.buffer(" ".repeat(n));
  }

  private void accept(NetSocket socket) {
    Connection c = new Connection(this, socket);
    socket.closeHandler(v -> c.onClose());
    RecordParser.newDelimited("\r\n\r\n", socket).handler(head -> onRequest(c, head.toString(StandardCharsets.ISO_8859_1)));
  }

  private void onRequest(Connection c, String head) {
    heads.add(head);
    String[] line = head.split("\r\n", 2)[0].split(" ");
    String path = line.length > 1 ? line[1] : "";
    if (!path.startsWith("/roster/")) {
      c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    String user = URLDecoder.decode(path.substring("/roster/".length()).replace("+", "%2B"), StandardCharsets.UTF_8);
    requests.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
    answers.getOrDefault(user, roster("{}")).write(c);
    List<Promise<Connection>> ps = waiters.remove(user);
    if (ps != null) {
      ps.forEach(p -> p.complete(c));
    }
  }

  /** One connection rosterd opened. */
  static final class Connection {
    private final RawBackend backend;
    private final NetSocket socket;
    private final AtomicLong written = new AtomicLong();
    private final Promise<Long> closed = Promise.promise();

    private Connection(RawBackend backend, NetSocket socket) {
      this.backend = backend;
      this.socket = socket;
    }

    /** Completes, with the bytes the kernel had accepted by then, when rosterd closed it. */
    Future<Long> closed() {
      return closed.future();
    }

    boolean isClosed() {
      return closed.future().isComplete();
    }

    private RawBackend backend() {
      return backend;
    }

    private void write(String s) {
      write(Buffer.buffer(s, "ISO-8859-1"));
    }

    private void write(Buffer b) {
      socket.write(b).onSuccess(v -> written.addAndGet(b.length()));
    }

    /** Writes {@code piece} again and again, up to {@code total} bytes, as the socket drains. */
    private void pump(Buffer piece, long total) {
      long left = total;
      while (left > 0 && !isClosed() && !socket.writeQueueFull()) {
        Buffer b = left >= piece.length() ? piece : piece.slice(0, (int) left);
        write(b);
        left -= b.length();
      }
      long rest = left;
      if (rest > 0 && !isClosed()) {
        socket.drainHandler(v -> pump(piece, rest));
      }
    }

    private void onClose() {
      closed.complete(written.get());
    }
  }
}
