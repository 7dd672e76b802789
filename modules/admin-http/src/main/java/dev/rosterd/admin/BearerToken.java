package dev.rosterd.admin;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; otherwise {@code 401}
 * with a JSON error, before the body is read. The comparison is of SHA-256 digests with {@link
 * MessageDigest#isEqual}, so its time tells nothing about the token, not even its length.
 */
final class BearerToken implements Handler<RoutingContext> {
  private static final String SCHEME = "bearer ";

  private final byte[] expected;

  BearerToken(String token) {
    this.expected = digest(token);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    boolean ok = header != null
        && header.length() > SCHEME.length()
        && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        && MessageDigest.isEqual(expected, digest(header.substring(SCHEME.length()).trim()));
    if (ok) {
      ctx.next();
    } else {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      JsonReplies.error(ctx, 401, "missing or wrong bearer token (Authorization: Bearer <admin.token>)");
    }
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
