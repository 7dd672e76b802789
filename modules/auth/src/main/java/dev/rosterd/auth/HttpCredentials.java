package dev.rosterd.auth;

import dev.rosterd.common.bus.ScramCredentials;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/**
 * The {@code http} provider, like Prosody's mod_auth_http: POSTs the form {@code user}, {@code
 * pass} to the web application, which answers 200 with body {@code true} for a right password.
 * It only checks passwords, so it serves PLAIN alone.
 */
final class HttpCredentials implements CredentialStore {
  private final WebClient client;
  private final AuthOptions options;

  HttpCredentials(WebClient client, AuthOptions options) {
    this.client = client;
    this.options = options;
  }

  @Override
  public List<String> mechanisms() {
    return List.of("PLAIN");
  }

  @Override
  public Future<Boolean> checkPlain(String username, String password) {
    String user = Usernames.normalise(username, options.domain()).orElse(null);
    if (user == null || password == null) {
      return Future.succeededFuture(false);
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("user", user).add("pass", password);
    return client.postAbs(options.url())
        .timeout(options.timeoutMillis())
        .sendForm(form)
        .map(HttpCredentials::isYes)
        .recover(e -> Future.failedFuture(new CredentialStoreUnavailable(
            "auth backend " + options.url() + " unreachable: " + e.getMessage())));
  }

  @Override
  public Future<ScramCredentials> scram(String username, String mechanism) {
    return Future.succeededFuture(ScramCredentials.notFound());
  }

  private static boolean isYes(HttpResponse<Buffer> r) {
    return r.statusCode() == 200 && r.body() != null && r.body().toString().trim().equals("true");
  }
}
