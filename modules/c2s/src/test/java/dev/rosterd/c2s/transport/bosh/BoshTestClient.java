package dev.rosterd.c2s.transport.bosh;

import static dev.rosterd.c2s.C2sTestServer.DOMAIN;

import dev.rosterd.c2s.C2sTestServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * A raw BOSH client for tests: POSTs the bodies it is given (the rid and sid filled in) with Vert.x's
 * WebClient and hands back each answer whole. Called from the test thread; each wait is on the
 * answer, bounded by {@link #TIMEOUT_S}.
 */
final class BoshTestClient implements AutoCloseable {
  static final long TIMEOUT_S = 10;
  static final String NS = "http://jabber.org/protocol/httpbind";
  static final String BIND = "<iq xmlns='jabber:client' type='set' id='bind1'>"
      + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>browser</resource></bind></iq>";

  private final WebClient web;
  private final int port;
  private String sid;
  private long rid = ThreadLocalRandom.current().nextLong(1_000, 1_000_000);

  BoshTestClient(Vertx vertx, int port) {
    this.web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(8));
    this.port = port;
  }

  /** A BOSH answer: status, headers and the body, parsed for its attributes. */
  record Answer(int status, MultiMap headers, String xml) {
    Element root() {
      try {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
            .getDocumentElement();
      } catch (Exception e) {
        throw new AssertionError("not XML: " + xml, e);
      }
    }

    /** An attribute of the body, or null (XEP-0206's under their {@code xmpp:} prefix). */
    String attr(String name) {
      Element root = root();
      String value = name.startsWith("xmpp:") ? root.getAttributeNS("urn:xmpp:xbosh", name.substring(5))
          : root.getAttribute(name);
      return value.isEmpty() && !root.hasAttribute(name) && !name.startsWith("xmpp:") ? null : value;
    }

    boolean terminates() {
      return "terminate".equals(root().getAttribute("type"));
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  /** POSTs {@code xml} as it is. */
  Future<Answer> post(String xml, MultiMap headers) {
    return web.post(port, "127.0.0.1", "/http-bind")
        .putHeader("Content-Type", "text/xml; charset=utf-8")
        .putHeaders(headers)
        .sendBuffer(Buffer.buffer(xml))
        .map(BoshTestClient::answer);
  }

  Future<Answer> post(String xml) {
    return post(xml, MultiMap.caseInsensitiveMultiMap());
  }

  private static Answer answer(HttpResponse<Buffer> r) {
    return new Answer(r.statusCode(), r.headers(), r.bodyAsString() == null ? "" : r.bodyAsString());
  }

  /** The creation request with {@code attributes} (wait, hold...), answered; its sid is kept. */
  Answer create(String attributes) throws Exception {
    Answer a = await(post("<body xmlns='" + NS + "' xmlns:xmpp='urn:xmpp:xbosh' rid='" + rid + "' to='" + DOMAIN
        + "' xml:lang='en' ver='1.11' xmpp:version='1.0' content='text/xml; charset=utf-8' " + attributes + "/>"));
    sid = a.attr("sid");
    return a;
  }

  /** The session's id, once created. */
  String sid() {
    return sid;
  }

  /** The rid of the last request sent. */
  long rid() {
    return rid;
  }

  /** A body of this session with the next rid, {@code attributes} and {@code children}. */
  String body(String attributes, String children) {
    return body(++rid, attributes, children);
  }

  /** A body of this session with {@code rid}. */
  String body(long rid, String attributes, String children) {
    return "<body xmlns='" + NS + "' xmlns:xmpp='urn:xmpp:xbosh' rid='" + rid + "' sid='" + sid + "' " + attributes
        + ">" + children + "</body>";
  }

  /** Sends {@code children} with the next rid. */
  Future<Answer> send(String children) {
    return post(body("", children));
  }

  /** Sends {@code children} with the next rid and waits for the answer. */
  Answer exchange(String children) throws Exception {
    return await(send(children));
  }

  /** The stream restart after SASL success (XEP-0206 §5); its answer (the new features). */
  Answer restart() throws Exception {
    return await(post(body("to='" + DOMAIN + "' xml:lang='en' xmpp:restart='true'", "")));
  }

  /** Creates a session and logs in as {@code user}, binding the resource {@code browser}. */
  BoshTestClient login(String user, String password) throws Exception {
    Answer created = create("wait='60' hold='1'");
    if (!created.xml().contains("<mechanism>PLAIN</mechanism>")) {
      throw new AssertionError("no PLAIN offered: " + created.xml());
    }
    Answer success = exchange(C2sTestServer.plainAuth(user, password));
    if (!success.xml().contains("<success")) {
      throw new AssertionError("no SASL success: " + success.xml());
    }
    Answer features = restart();
    if (!features.xml().contains("urn:ietf:params:xml:ns:xmpp-bind")) {
      throw new AssertionError("no bind feature after the restart: " + features.xml());
    }
    Answer bound = exchange(BIND);
    if (!bound.xml().contains("<jid>" + user + "@" + DOMAIN + "/browser</jid>")) {
      throw new AssertionError("not bound: " + bound.xml());
    }
    return this;
  }

  @Override
  public void close() {
    web.close();
  }
}
