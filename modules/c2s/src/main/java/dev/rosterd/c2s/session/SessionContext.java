package dev.rosterd.c2s.session;

import dev.rosterd.common.session.SessionDirectory;
import io.vertx.core.Vertx;

/**
 * What every session of one {@link Sessions} shares: the Vert.x instance (for the event bus), the
 * served domain and the shared-data session directory.
 */
public record SessionContext(Vertx vertx, String domain, SessionDirectory directory) {}
