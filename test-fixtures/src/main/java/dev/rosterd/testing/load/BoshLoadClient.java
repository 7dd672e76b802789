package dev.rosterd.testing.load;

import dev.rosterd.stanza.Element;
import dev.rosterd.stanza.XmlEscape;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.stream.XMLStreamException;

/**
 * A {@link WebLoadClient} over BOSH (XEP-0124, XEP-0206), as a browser client runs it: {@code
 * hold='1'}, so one request is always held by the server while the session is idle and is sent
 * again each time it comes back (at the latest after {@code wait}); what the client sends goes in
 * a second request (at most {@code requests} in flight), which makes the server answer the held one.
 */
final class BoshLoadClient extends WebLoadClient {
  static final String NS = "http://jabber.org/protocol/httpbind";
  static final String XBOSH = "urn:xmpp:xbosh";
  /** Asked of the server, which answers with at most its {@code boshMaxWaitSeconds}. */
  private static final int WAIT_SECONDS = 60;

  private final HttpClient http;
  private final String url;
  private final long requestTimeoutMs;
  private long rid = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40);
  private String sid;
  private int requests = 2;
  private int inFlight;
  private StringBuilder queued = new StringBuilder();
  private String restart;
  private boolean over;
  private final Promise<Void> terminated = Promise.promise();

  BoshLoadClient(Vertx vertx, Context context, HttpClient http, String url, LoadUsers users, String user,
      String resource, long stepTimeoutMs) {
    super(vertx, context, users, user, resource, stepTimeoutMs);
    this.http = http;
    this.url = url;
    this.requestTimeoutMs = WAIT_SECONDS * 1000L + stepTimeoutMs;
  }

  @Override
  Future<Void> connect() {
    return Future.succeededFuture(); // each request finds its own connection in the client's pool
  }

  @Override
  void open(boolean again) {
    String to = " to='" + XmlEscape.attribute(domain()) + "' xml:lang='en'";
    if (again) {
      restart = to + " xmpp:restart='true'";
      pump();
    } else {
      post(to + " wait='" + WAIT_SECONDS + "' hold='1' ver='1.11' xmpp:version='1.0'", "");
    }
  }

  @Override
  void send(String xml) {
    queued.append(xml);
    pump();
  }

  /** Sends what waits, and keeps one request at the server while nothing does. */
  private void pump() {
    while (!over && sid != null && inFlight < requests && (queued.length() > 0 || restart != null || inFlight == 0)) {
      String attrs = restart == null ? "" : restart;
      restart = null;
      String payload = queued.toString();
      queued = new StringBuilder();
      post(attrs, payload);
    }
  }

  private void post(String attrs, String payload) {
    inFlight++;
    String body = "<body xmlns='" + NS + "' xmlns:xmpp='" + XBOSH + "' rid='" + (rid++) + "'"
        + (sid == null ? "" : " sid='" + sid + "'") + attrs
        + (payload.isEmpty() ? "/>" : ">" + payload + "</body>");
    http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
            .putHeader("Content-Type", "text/xml; charset=utf-8").setIdleTimeout(requestTimeoutMs))
        .compose(request -> request.send(body))
        .compose(response -> response.statusCode() == 200 ? response.body()
            : Future.failedFuture("BOSH answered HTTP " + response.statusCode()))
        .onComplete(ar -> {
          inFlight--;
          if (ar.failed()) {
            end("BOSH request failed: " + ar.cause().getMessage());
          } else {
            answered(ar.result());
          }
        });
  }

  private void answered(Buffer xml) {
    Element[] body = {null};
    try {
      // The answer is one document: read as the child of a made-up root, it comes out whole.
      ServerStream parser = new ServerStream(e -> body[0] = e, () -> {});
      parser.feed(("<answer>" + xml.toString(StandardCharsets.UTF_8) + "</answer>").getBytes(StandardCharsets.UTF_8));
    } catch (XMLStreamException e) {
      end("the server sent XML that does not parse: " + e.getMessage());
      return;
    }
    if (body[0] == null || over) {
      end(over ? "terminated" : "no body in the answer: " + xml);
      return;
    }
    if (sid == null) {
      sid = body[0].attribute("sid");
      String r = body[0].attribute("requests");
      requests = r == null ? requests : Integer.parseInt(r);
    }
    body[0].children().forEach(this::element);
    if ("terminate".equals(body[0].attribute("type"))) {
      end("the server ended the session: " + body[0].toXml());
    } else {
      pump();
    }
  }

  private void end(String why) {
    over = true;
    ended(why);
    terminated.tryComplete();
  }

  @Override
  Future<Void> disconnect() {
    if (over || sid == null) {
      over = true;
      return Future.succeededFuture();
    }
    // The terminate request makes the server answer the held one, and then itself.
    over = true;
    inFlight = 0;
    post(" type='terminate'", "<presence xmlns='jabber:client' type='unavailable'/>");
    return terminated.future();
  }
}
