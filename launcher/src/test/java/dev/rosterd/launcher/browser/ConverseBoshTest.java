package dev.rosterd.launcher.browser;

/**
 * {@link ConverseScenario} with the page on BOSH (XEP-0124, XEP-0206): Converse.js has {@code
 * bosh_service_url} and no {@code websocket_url}, so its every stanza goes through rosterd's
 * {@code /http-bind}, and the reload step is a BOSH session the page's unload cut off.
 */
class ConverseBoshTest extends ConverseScenario {
  ConverseBoshTest() {
    super(BrowserStack.Transport.BOSH);
  }
}
