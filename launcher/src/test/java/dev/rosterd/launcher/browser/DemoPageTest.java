package dev.rosterd.launcher.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.demo.DemoBackendVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo page in a real browser, with the demo backend alone (no XMPP server behind it): the
 * login choice lists the users of the rosters file, and picking one loads Converse.js from the
 * demo backend, which shows its chat view.
 */
class DemoPageTest {
  @TempDir static Path dir;
  private static Vertx vertx;
  private static Chromium browser;
  private static String page;

  @BeforeAll
  static void start() throws Exception {
    browser = Chromium.start(DemoPageTest.class);
    vertx = Vertx.vertx();
    Path rosters = dir.resolve("demo-rosters.json");
    Files.copy(Path.of("..", "conf", "demo-rosters.json"), rosters);
    DemoBackendVerticle demo = new DemoBackendVerticle();
    vertx.deployVerticle(demo, new DeploymentOptions().setConfig(new JsonObject()
        .put("domain", "localhost")
        .put("port", 0)
        .put("rostersFile", rosters.toString())
        .put("tokenSecret", "demo-page-test-secret-0123456789abcdef")
        // A port Chromium will not open: the page must still load and show Converse.js.
        .put("websocketUrl", "ws://127.0.0.1:9/xmpp-websocket")))
        .await(20, TimeUnit.SECONDS);
    page = "http://127.0.0.1:" + demo.actualPort() + "/";
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (vertx != null) {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void theLoginChoiceLeadsToConverse() {
    browser.driver.get(page);
    browser.visible("#login button[value=carol]");
    List<String> choices = browser.driver.findElements(By.cssSelector("#login button")).stream()
        .map(WebElement::getText).toList();
    assertEquals(List.of("Log in as alice", "Log in as bob", "Log in as carol"), choices);
    browser.screenshot("1-login-choice");

    browser.driver.findElement(By.cssSelector("#login button[value=alice]")).click();
    browser.visible("#conversejs #controlbox");
    browser.visible("#logout button");
    browser.screenshot("2-converse");
  }
}
