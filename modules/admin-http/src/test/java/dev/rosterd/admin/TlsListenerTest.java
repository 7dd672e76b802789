package dev.rosterd.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.testing.TestTls;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The optional HTTPS listener serves the same endpoints over real TLS. */
@ExtendWith(VertxExtension.class)
class TlsListenerTest {
  @Test
  void refreshOverHttps(Vertx vertx) {
    AdminHarness h = AdminHarness.start(vertx, new JsonObject()
        .put("tlsPort", 0)
        .put("tlsCertPath", TestTls.certPath().toString())
        .put("tlsKeyPath", TestTls.keyPath().toString()));
    WebClient https = WebClient.create(vertx, new WebClientOptions()
        .setSsl(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(TestTls.certPath().toString()))
        .setVerifyHost(true));
    var r = AdminHarness.await(https.post(h.admin.actualTlsPort(), "localhost", RosterAdminRoutes.REFRESH)
        .sendBuffer(Buffer.buffer("[\"carol\"]")));
    assertEquals(200, r.statusCode());
    assertEquals(1, r.bodyAsJsonObject().getInteger("updated"));
  }
}
