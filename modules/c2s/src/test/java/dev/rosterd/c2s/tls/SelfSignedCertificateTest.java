package dev.rosterd.c2s.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosterd.c2s.C2sOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Without a configured certificate one is generated for the domain once and reused after. */
@ExtendWith(VertxExtension.class)
class SelfSignedCertificateTest {
  @TempDir
  Path dir;

  @Test
  void generatedOnceAndReused(Vertx vertx, VertxTestContext ctx) {
    C2sOptions options = new C2sOptions(new JsonObject().put("domain", "rosterd.test")
        .put("tls", new JsonObject().put("generatedDirectory", dir.toString())));
    ServerCertificate.load(vertx, options.certificateFiles()).compose(first -> {
      Path cert = dir.resolve("rosterd.test.crt.pem");
      ctx.verify(() -> {
        assertTrue(Files.exists(cert));
        assertTrue(Files.exists(dir.resolve("rosterd.test.key.pem")));
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert)));
        assertEquals(List.of(2, "rosterd.test"), List.copyOf(x509.getSubjectAlternativeNames().iterator().next()));
      });
      return ServerCertificate.load(vertx, options.certificateFiles()).map(second -> List.of(first, second));
    }).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      assertEquals(both.get(0).fingerprint(), both.get(1).fingerprint());
      assertEquals(95, both.get(0).fingerprint().length());
      ctx.completeNow();
    })));
  }
}
