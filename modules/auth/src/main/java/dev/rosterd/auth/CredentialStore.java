package dev.rosterd.auth;

import dev.rosterd.common.bus.ScramCredentials;
import io.vertx.core.Future;
import java.util.List;

/** Where users and their credentials live; one implementation per {@code provider}. */
interface CredentialStore {
  /** The SASL mechanisms this store can serve, strongest first. */
  List<String> mechanisms();

  /** Whether the password is right; fails when the store cannot be asked. */
  Future<Boolean> checkPlain(String username, String password);

  /** The SCRAM keys of a user for a mechanism ({@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}). */
  Future<ScramCredentials> scram(String username, String mechanism);
}
