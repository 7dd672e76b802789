package dev.rosterd.demo;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The demo page at {@code /}: the login choice, then Converse.js in fullscreen signed on through
 * {@link SignOn}'s {@code /credentials}. Converse.js is served from {@code /converse/}, copied
 * into the jar from the npm registry at build time, so the browser fetches nothing from other
 * hosts. The page and its script are in the jar's {@value #ROOT}.
 */
final class DemoPage {
  /** The classpath folder of the page and of Converse.js (in {@code converse/}). */
  static final String ROOT = "rosterd-demo-web";

  private DemoPage() {}

  static void mount(Router router) {
    // Converse.js's files only change with its version: the browser may keep them a day.
    router.get("/converse/*").handler(StaticHandler.create(FileSystemAccess.RELATIVE, ROOT + "/converse")
        .setDirectoryListing(false));
    // The page itself is asked for afresh, so a new build is seen at the next reload.
    router.get("/*").handler(StaticHandler.create(FileSystemAccess.RELATIVE, ROOT)
        .setCachingEnabled(false)
        .setMaxAgeSeconds(0)
        .setIndexPage("index.html"));
  }
}
