package dev.rosterd.launcher.browser;

/** {@link ConverseScenario} with the page on XMPP over WebSocket (RFC 7395), the demo's default. */
class ConverseWebSocketTest extends ConverseScenario {
  ConverseWebSocketTest() {
    super(BrowserStack.Transport.WEBSOCKET);
  }
}
