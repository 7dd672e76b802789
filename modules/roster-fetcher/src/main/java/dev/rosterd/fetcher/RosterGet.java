package dev.rosterd.fetcher;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One roster GET of the web application, redirects included, bounded as a whole by {@code
 * timeoutMs}; completes with the body of its 200 answer.
 *
 * <p>Whatever ends it early (the time-out, a body past {@code maxBodyBytes}, another status than
 * 200, a redirect not followed) resets the request in flight, which on HTTP/1.1 closes its
 * connection: nothing more is read from it and no half-read connection goes back to the pool, so a
 * backend that drips or never ends its body costs one connection for {@code timeoutMs} at most.
 *
 * <p>Redirects (301, 302, 303, 307, 308) are followed by hand, up to {@link
 * RosterFetcherOptions#MAX_REDIRECTS}, so that the configured headers, which may be the web
 * application's credentials, go to the origin of {@code http_roster_url} only; a redirect to
 * another origin fails the fetch unless {@code followCrossOriginRedirects} is set.
 *
 * <p>Runs on the fetcher verticle's context: the client's and the timer's callbacks all do.
 */
final class RosterGet {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final HttpClient client;
  private final RosterFetcherOptions options;
  private final Origin origin;
  private final Promise<Buffer> result = Promise.promise();
  private final long timer;
  /** The request on the wire, reset when the fetch ends early; null between redirects. */
  private HttpClientRequest current;

  private RosterGet(Vertx vertx, HttpClient client, RosterFetcherOptions options, Origin origin) {
    this.client = client;
    this.options = options;
    this.origin = origin;
    // The client's own timeouts are per phase (connect, idle); this one bounds the whole fetch.
    this.timer = vertx.setTimer(options.timeoutMs(), t -> fail(new TimeoutException()));
    result.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** GETs {@code url}, an absolute http or https URL (the config check makes it one). */
  static Future<Buffer> send(Vertx vertx, HttpClient client, RosterFetcherOptions options, String url) {
    URI uri = URI.create(url);
    Origin origin = Origin.of(uri).orElseThrow(() -> new IllegalArgumentException("not an http URL: " + url));
    RosterGet get = new RosterGet(vertx, client, options, origin);
    get.hop(uri, 0);
    return get.result.future();
  }

  private void hop(URI uri, int redirects) {
    RequestOptions request;
    try {
      request = request(uri);
    } catch (RuntimeException e) { // a URL java.net.URI takes and java.net.URL does not
      fail(new BackendRoster.NotARoster("cannot request " + RosterUrl.withoutCredentials(uri.toString())));
      return;
    }
    client.request(request).onComplete(ar -> {
      if (ar.failed()) {
        fail(ar.cause());
      } else if (result.future().isComplete()) {
        ar.result().reset(); // the fetch ended while this request waited for a connection
      } else {
        current = ar.result();
        current.send().onComplete(sent -> {
          if (sent.failed()) {
            fail(sent.cause());
          } else if (!result.future().isComplete()) {
            onResponse(uri, redirects, sent.result());
          }
        });
      }
    });
  }

  private RequestOptions request(URI uri) {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(uri.toString())
        .setConnectTimeout(options.timeoutMs())
        .setIdleTimeout(options.timeoutMs())
        .putHeader(HttpHeaders.USER_AGENT, "rosterd")
        .putHeader(HttpHeaders.ACCEPT, "application/json");
    if (Origin.of(uri).filter(origin::equals).isPresent()) {
      options.headers().forEach(request::putHeader);
    }
    return request;
  }

  private void onResponse(URI uri, int redirects, HttpClientResponse response) {
    int status = response.statusCode();
    String location = response.getHeader(HttpHeaders.LOCATION);
    // Unless its body is read, the response ends by our reset, which is no news.
    response.exceptionHandler(e -> {});
    if (status == 200) {
      CappedBody.read(response, options.maxBodyBytes()).onComplete(ar -> {
        if (ar.succeeded()) {
          result.tryComplete(ar.result());
        } else {
          fail(ar.cause());
        }
      });
    } else if (REDIRECTS.contains(status) && location != null) {
      resetCurrent();
      redirect(uri, redirects, location);
    } else {
      fail(new BackendRoster.NotARoster("HTTP " + status + " " + response.statusMessage()));
    }
  }

  private void redirect(URI from, int redirects, String location) {
    Optional<URI> to = resolve(from, location);
    if (to.isEmpty()) {
      fail(new BackendRoster.NotARoster("redirected to " + Json.encode(location) + ", not an http or https URL"));
    } else if (redirects >= RosterFetcherOptions.MAX_REDIRECTS) {
      fail(new BackendRoster.NotARoster("more than " + RosterFetcherOptions.MAX_REDIRECTS + " redirects"));
    } else if (!Origin.of(to.get()).orElseThrow().equals(origin) && !options.followCrossOriginRedirects()) {
      fail(new BackendRoster.NotARoster("redirected to " + RosterUrl.withoutCredentials(to.get().toString())
          + " on another origin, not followed (followCrossOriginRedirects is false)"));
    } else {
      hop(to.get(), redirects + 1);
    }
  }

  /** The absolute http or https URL a Location names, relative ones resolved against {@code from}. */
  private static Optional<URI> resolve(URI from, String location) {
    try {
      URI to = from.resolve(new URI(location.trim()));
      return Origin.of(to).map(o -> to);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private void fail(Throwable cause) {
    if (result.tryFail(cause)) {
      resetCurrent();
    }
  }

  private void resetCurrent() {
    if (current != null) {
      current.reset();
      current = null;
    }
  }
}
